import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Vendor code changes far less often than ours: keep React, Ant Design and the data libraries in
// their own long-cached chunks, and let each route (React.lazy) load its own page code.
const vendorGroups: { name: string; test: RegExp }[] = [
  { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
  { name: "antd", test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion)[\\/]/ },
  { name: "libs", test: /node_modules[\\/](@tanstack|i18next|react-i18next|dayjs|zod)[\\/]/ },
];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://localhost:3000", changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups.map((g) => ({ name: g.name, test: g.test })),
        },
      },
    },
  },
});
