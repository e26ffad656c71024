import type { Config } from 'tailwindcss';

export default {
  content: ['./src/**/*.{astro,ts}'],
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: '#a50e0e', dark: '#7a0a0a', light: '#fdf2f2' },
      },
      maxWidth: { page: '72rem' },
    },
  },
  plugins: [],
} satisfies Config;
