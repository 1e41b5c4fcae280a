import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@advance-liveness/element/advance-liveness.css";
import { App } from "./App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
