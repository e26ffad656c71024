import type { Config } from 'tailwindcss';

export default {
  // The browser scripts (src/scripts/*.js) give the elements they create classes too.
  content: ['./src/**/*.{astro,ts,js}'],
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
