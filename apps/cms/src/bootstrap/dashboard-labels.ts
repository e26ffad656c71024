/**
 * What editors read in the dashboard: a Vietnamese label and a one-line description for every field of
 * every content type and component, applied at start by editor-layout.ts. A field listed here that a content
 * type does not have (yet) is skipped, so the schedule's labels wait for its fields.
 */
export type FieldLabel = { label: string; description: string };
export type Labels = Record<string, Record<string, FieldLabel>>;

/** Fields every content type has (Strapi's own). */
const TIMESTAMPS: Record<string, FieldLabel> = {
  createdAt: { label: 'Tạo lúc', description: 'Thời điểm mục này được tạo' },
  updatedAt: { label: 'Cập nhật lúc', description: 'Lần lưu gần nhất' },
  publishedAt: { label: 'Xuất bản lúc', description: 'Thời điểm phiên bản đang hiển thị được xuất bản' },
  createdBy: { label: 'Người tạo', description: 'Tài khoản đã tạo mục này' },
  updatedBy: { label: 'Người sửa', description: 'Tài khoản lưu gần nhất' },
};

export const LABELS: Labels = {
  'api::article.article': {
    title: { label: 'Tiêu đề', description: 'Tiêu đề bài viết, tối đa 250 ký tự' },
    slug: { label: 'Đường dẫn', description: 'Phần cuối địa chỉ bài viết; tự tạo từ tiêu đề, không đổi khi sửa tiêu đề' },
    lead: { label: 'Sapo', description: 'Đoạn mở đầu in đậm dưới tiêu đề, hiện trong danh sách tin' },
    source: { label: 'Nguồn', description: 'Nguồn tin khi bài lấy từ cơ quan hoặc báo khác' },
    body: { label: 'Nội dung', description: 'Thân bài: đoạn văn, tiêu đề mục, ảnh có chú thích' },
    cover: { label: 'Ảnh đại diện', description: 'Ảnh ở đầu bài và trong danh sách tin' },
    author: { label: 'Tác giả', description: 'Người viết, hiện dưới tiêu đề bài' },
    category: { label: 'Chuyên mục', description: 'Chuyên mục chứa bài viết' },
    relatedArticles: { label: 'Tin khác', description: 'Bài liên quan chọn tay, hiện cuối bài' },
    views: { label: 'Lượt xem', description: 'Đếm tự động theo lượt truy cập của bạn đọc' },
    seo: { label: 'SEO', description: 'Tiêu đề, mô tả và ảnh khi chia sẻ; để trống thì lấy từ bài' },
    reviewState: { label: 'Trạng thái duyệt', description: 'Đang viết → Chờ duyệt → biên tập viên xuất bản hoặc Trả lại' },
    reviewNote: { label: 'Ghi chú biên tập', description: 'Biên tập viên ghi lý do khi trả lại; phóng viên đọc ở đây' },
    publishedDate: { label: 'Ngày xuất bản', description: 'Lần xuất bản gần nhất; trống khi bài chưa xuất bản' },
    scheduledPublishAt: {
      label: 'Xuất bản lúc',
      description: 'Hẹn giờ xuất bản tự động; giờ theo trình duyệt của bạn (giờ Việt Nam trên máy ở Việt Nam)',
    },
    scheduledUnpublishAt: { label: 'Gỡ xuống lúc', description: 'Hẹn giờ gỡ bài khỏi cổng; giờ theo trình duyệt của bạn' },
    ...TIMESTAMPS,
  },
  'api::author.author': {
    name: { label: 'Họ tên', description: 'Tên hiện dưới tiêu đề bài viết' },
    slug: { label: 'Đường dẫn', description: 'Phần cuối địa chỉ trang tác giả; tự tạo từ họ tên' },
    bio: { label: 'Giới thiệu', description: 'Vài dòng về tác giả, hiện trên trang tác giả' },
    avatar: { label: 'Ảnh chân dung', description: 'Ảnh vuông, hiện trên trang tác giả' },
    articles: { label: 'Bài viết', description: 'Các bài của tác giả này' },
    ...TIMESTAMPS,
  },
  'api::category.category': {
    name: { label: 'Tên chuyên mục', description: 'Tên hiện trên thanh điều hướng và đầu trang chuyên mục' },
    slug: { label: 'Đường dẫn', description: 'Phần cuối địa chỉ trang chuyên mục; tự tạo từ tên' },
    description: { label: 'Mô tả', description: 'Một câu giới thiệu chuyên mục' },
    parent: { label: 'Chuyên mục cha', description: 'Để trống nếu là chuyên mục gốc (chỉ một cấp)' },
    children: { label: 'Chuyên mục con', description: 'Các chuyên mục nằm dưới chuyên mục này' },
    articles: { label: 'Bài viết', description: 'Các bài thuộc chuyên mục này' },
    ...TIMESTAMPS,
  },
  'api::site-setting.site-setting': {
    portalName: { label: 'Tên cổng', description: 'Tên cổng thông tin hiện ở đầu mọi trang' },
    banner: { label: 'Ảnh băng rôn', description: 'Ảnh đầu trang của cổng' },
    footer: { label: 'Chân trang', description: 'Thông tin cơ quan và giấy phép cuối mọi trang' },
    menu: { label: 'Thực đơn', description: 'Chuyên mục trên thanh điều hướng, theo thứ tự' },
    loginLinkText: { label: 'Chữ liên kết đăng nhập', description: 'Chữ của liên kết đăng nhập ở đầu trang' },
    ...TIMESTAMPS,
  },
  'shared.seo': {
    metaTitle: { label: 'Tiêu đề SEO', description: 'Tiêu đề cho máy tìm kiếm, tối đa 70 ký tự' },
    metaDescription: { label: 'Mô tả SEO', description: 'Mô tả cho máy tìm kiếm, tối đa 200 ký tự' },
    shareImage: { label: 'Ảnh chia sẻ', description: 'Ảnh khi chia sẻ lên mạng xã hội' },
  },
  'site.footer': {
    agency: { label: 'Cơ quan', description: 'Tên cơ quan chủ quản' },
    address: { label: 'Địa chỉ', description: 'Địa chỉ trụ sở' },
    phone: { label: 'Điện thoại', description: 'Số điện thoại liên hệ' },
    email: { label: 'Thư điện tử', description: 'Địa chỉ thư liên hệ' },
    licence: { label: 'Giấy phép', description: 'Số giấy phép và người chịu trách nhiệm' },
  },
};

/** The article list: what an editor scans (Strapi adds the draft/published status column itself). */
export const ARTICLE_LIST = ['title', 'category', 'author', 'reviewState', 'scheduledPublishAt', 'scheduledUnpublishAt', 'views', 'publishedDate'];
