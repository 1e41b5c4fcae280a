// Compiled with `tsc --noEmit` in make test: the declarations must describe real use.
import { mount, negotiateLocale, type LivenessOutcomeDetail } from "./index";

const element = document.createElement("advance-liveness");
element.texts = { copyLink: "Salin tautan", timeLeft: "{time} lagi" };
element.addEventListener("liveness-success", (event) => {
  const detail: LivenessOutcomeDetail = event.detail;
  const id: string = detail.signatureId;
  const verified: boolean = detail.verified;
  console.log(id, verified, detail.score?.toFixed(1), detail.attackType);
});
element.addEventListener("liveness-error", (event) => console.log(event.detail.reason, event.detail.camera));
element.addEventListener("liveness-state", (event) => console.log(event.detail.state === "cross-device"));
element.addEventListener("liveness-camera", (event) => console.log(event.detail.camera === "denied-by-user"));

const handle = mount(document.body, { crossDevice: "always", verify: true, request: { mode: "iframe" } });
handle.ready.then(() => handle.destroy());
handle.update({ texts: { passed: "Lolos" }, fullscreen: true, locale: "id-ID" });
const chosen: "ar" | string = negotiateLocale([...navigator.languages, "ar-EG"]);
element.addEventListener("liveness-error", (event) => console.log(chosen, event.detail.fatal === false));
// @ts-expect-error: only texts, locale and fullscreen change in place
handle.update({ crossDevice: "never" });

// HTMLElementTagNameMap: querySelector knows the element; HTMLElementEventMap: its events are
// typed on any element they bubble to.
const found = document.querySelector("advance-liveness");
if (found) found.texts = undefined;
document.body.addEventListener("liveness-failure", (event) => console.log(event.detail.status === "failed"));
// @ts-expect-error: `detail` of liveness-camera has no `reason`
document.body.addEventListener("liveness-camera", (event) => event.detail.reason);
// @ts-expect-error: texts are checked
element.texts = { copyLnk: "typo" };
