// Placeholder demo: the library imported as a user would, softmax and Gibbs side by side.
import { gibbs, logitsToEnergies, softmax } from "gibbs-softmax";

const logitsField = document.querySelector<HTMLInputElement>("#logits");
const temperatureField = document.querySelector<HTMLInputElement>("#temperature");
const rows = document.querySelector<HTMLTableSectionElement>("#rows");
const message = document.querySelector<HTMLParagraphElement>("#message");

function update(): void {
  if (!logitsField || !temperatureField || !rows || !message) return;
  try {
    const z = logitsField.value
      .split(/[\s,]+/)
      .filter((s) => s !== "")
      .map(Number);
    const tau = Number(temperatureField.value);
    const p = softmax(z, { temperature: tau });
    const { energies, temperature } = logitsToEnergies(z, { temperature: tau });
    const q = gibbs(energies, { temperature });
    rows.replaceChildren(
      ...z.map((zi, i) => {
        const tr = document.createElement("tr");
        for (const v of [i, zi, energies[i], p[i], q[i]]) {
          const td = document.createElement("td");
          td.textContent = String(v);
          tr.append(td);
        }
        return tr;
      }),
    );
    message.textContent = "";
  } catch (error) {
    message.textContent = error instanceof Error ? error.message : String(error);
  }
}

logitsField?.addEventListener("input", update);
temperatureField?.addEventListener("input", update);
update();
