/**
 * docs/cli.md cannot drift from the tool: every ```sh block of it is a session of `$ command`
 * lines, each followed by the output it prints (standard output and standard error together, in
 * order), and every session is run here, in order, in one temporary folder (later examples read
 * files that earlier ones wrote), with the printed output compared exactly. `npx gibbs-softmax`
 * runs the built dist/cli/main.js (test/package.test.ts runs the real npx). Every ```text block
 * that starts with "Usage: gibbs-softmax" must equal the matching `--help`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main, root } from "./helpers/faults.js";

interface Step {
  line: number;
  command: string;
  output: string;
}

/** The sessions of a Markdown file: its ```sh blocks, split into commands and their output. */
function sessions(file: string): { line: number; steps: Step[] }[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const found: { line: number; steps: Step[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```sh") continue;
    const steps: Step[] = [];
    const start = i + 1;
    let j = i + 1;
    for (; j < lines.length && lines[j] !== "```"; j++) {
      const text = lines[j] as string;
      if (text.startsWith("$ ")) {
        let command = text.slice(2);
        while (command.endsWith("\\") && j + 1 < lines.length)
          command = `${command.slice(0, -1)}${lines[++j]}`;
        steps.push({ line: j + 1, command, output: "" });
      } else {
        const last = steps.at(-1);
        if (last === undefined)
          throw new Error(`${file}:${j + 1}: a sh block must start with "$ "`);
        last.output += `${text}\n`;
      }
    }
    found.push({ line: start, steps });
    i = j;
  }
  return found;
}

const file = join(root, "docs", "cli.md");
const work = mkdtempSync(join(tmpdir(), "gibbs-cli-docs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// `npx gibbs-softmax` is the built CLI; anything else runs as written.
const preamble = `npx() { if [ "$1" = gibbs-softmax ]; then shift; "$NODE" "$MAIN" "$@"; else command npx "$@"; fi; }`;

function runStep(command: string): string {
  const r = spawnSync("bash", ["-c", `${preamble}\n{ ${command}\n} 2>&1`], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, NODE: process.execPath, MAIN: main, COLUMNS: "80" },
    timeout: 120_000,
  });
  return r.stdout;
}

describe("docs/cli.md: every shell example, run, with its output compared", () => {
  const all = sessions(file);
  it("has sessions", () => expect(all.length).toBeGreaterThan(10));
  for (const session of all) {
    it(`docs/cli.md:${session.line}`, () => {
      for (const step of session.steps) {
        expect(`$ ${step.command}\n${runStep(step.command)}`, `docs/cli.md:${step.line}`).toBe(
          `$ ${step.command}\n${step.output}`,
        );
      }
    }, 120_000);
  }
});

describe("docs/cli.md: every help text equals the tool's --help", () => {
  const text = readFileSync(file, "utf8");
  const blocks = [...text.matchAll(/```text\n(Usage: gibbs-softmax[^\n]*\n[\s\S]*?)```/g)].map(
    (m) => m[1] as string,
  );
  it("shows the help of the tool and of every command", () => {
    const top = spawnSync(process.execPath, [main, "--help"], { encoding: "utf8" }).stdout;
    const commands = [...(top.split("Commands:")[1] ?? "").matchAll(/^ {2}([a-z-]+)/gm)]
      .map((m) => m[1] as string)
      .filter((c) => c !== "help");
    const shown = blocks.map((b) => /^Usage: gibbs-softmax (\S+)/.exec(b)?.[1]);
    expect(commands.length).toBeGreaterThan(5);
    expect(shown.sort()).toEqual(["[options]", ...commands].sort());
  });
  for (const block of blocks) {
    const command = /^Usage: gibbs-softmax (\S+)/.exec(block)?.[1];
    const args =
      command === undefined || command === "[options]" ? ["--help"] : [command, "--help"];
    it(`gibbs-softmax ${args.join(" ")}`, () => {
      const r = spawnSync(process.execPath, [main, ...args], {
        encoding: "utf8",
        env: { ...process.env, COLUMNS: "80" },
      });
      expect(r.stdout).toBe(block);
    });
  }
});
