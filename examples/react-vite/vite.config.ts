// Built by make test into dist/examples/react-vite/, which the session server serves at
// /examples/react-vite/. `npm run dev` serves it with /api proxied to a session server
// (`make demo` runs one on 127.0.0.1:8080).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  base: "/examples/react-vite/",
  build: { outDir: "../../dist/examples/react-vite", emptyOutDir: true },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
