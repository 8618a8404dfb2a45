/**
 * `footprint import aws DIR`: reads every file under DIR (the JSON the AWS CLI printed), imports
 * it, writes the estate file. The library does the work; this reads the folder and writes the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { Command } from 'commander';
import { FootprintError } from '../errors.js';
import { type AwsImport, decodeText, importAws, importSummary, type SnapshotFile } from '../import/index.js';
import { checkReadable } from '../model/index.js';
import { toJson } from '../report/index.js';
import { type CliIo, processIo } from './io.js';
import { writeOutput } from './output-files.js';

/** Every file under `dir` (hidden ones skipped), paths relative to it with `/` separators. */
export function readSnapshotFolder(dir: string): SnapshotFile[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(dir);
  } catch {
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `cannot read '${dir}'`,
      expected: 'a folder holding the JSON output of AWS CLI describe commands (or one such file)',
    });
  }
  if (!stat.isDirectory()) {
    checkReadable(dir);
    return [{ path: basename(dir), text: decodeText(readFileSync(dir)), shownAs: dir }];
  }
  const files: SnapshotFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        checkReadable(path);
        files.push({
          path: relative(dir, path).split(sep).join('/'),
          text: decodeText(readFileSync(path)),
          shownAs: path,
        });
      }
    }
  };
  walk(dir);
  return files;
}

function summary(result: AwsImport, dir: string, output: string | undefined): string {
  const { report } = result;
  const counts = importSummary(report);
  const lines = [
    `imported ${dir}${output ? ` -> ${output}` : ''}: ${counts} (${report.files.length} files read)`,
  ];
  for (const p of report.placeholders) {
    lines.push(
      `  fill in: site '${p.site}' (behind ${p.connections.map((c) => `${c.id} at ${c.location}`).join(', ')}): where is it? traces stop at its DX locations until it has a metro or location`,
    );
  }
  const skipped = Object.entries(report.skipped);
  if (skipped.length) lines.push(`  not imported: ${skipped.map(([what, n]) => `${n} ${what}`).join(', ')}`);
  for (const line of report.inferred) lines.push(`  inferred: ${line}`);
  if (report.warnings.length) {
    lines.push(`  warnings (${report.warnings.length}):`);
    for (const w of report.warnings) lines.push(`    ${w}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerImport(program: Command, io: CliIo = processIo): void {
  const command = program
    .command('import')
    .description('make an estate from what you already have (AWS CLI output)');
  command
    .command('aws')
    .description(
      'turn the JSON of read-only AWS CLI describe commands (a folder of files, any names, any depth) into an estate file',
    )
    .argument('<dir>', 'the folder of AWS CLI outputs (regions and accounts may be sub-folders)')
    .option('-o, --output <file>', 'write the estate here (default: stdout, with the report on stderr)')
    .option('--name <name>', 'the estate name (default: the folder name)')
    .option('--json', 'print the import report as JSON (counts, placeholders, skipped, warnings)')
    .addHelpText(
      'after',
      '\nExamples:\n  footprint import aws snapshot/ -o estate.yaml\n  footprint trace subnet-0abc onprem-dxcon-fg1234 --estate estate.yaml\n\ndocs/import.md lists the AWS CLI commands to run. Exit codes: 0 imported (warnings allowed), 2 unusable input.',
    )
    .action((dir: string, options: { output?: string; name?: string; json?: boolean }) => {
      const files = readSnapshotFolder(dir);
      const name = options.name ?? (basename(dir.replace(/[\\/]+$/, '')) || 'aws-import');
      const result = importAws(files, {
        name,
        source: dir,
        ...(options.output ? { file: basename(options.output) } : {}),
      });
      if (options.output) {
        writeOutput(options.output, result.yaml);
        io.stdout(options.json ? toJson(result.report) : summary(result, dir, options.output));
      } else if (options.json) {
        // JSON on stdout either way: without -o, the estate's YAML is a field of it.
        io.stdout(toJson({ ...result.report, yaml: result.yaml }));
      } else {
        io.stdout(result.yaml);
        io.stderr(summary(result, dir, options.output));
      }
    });
  command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const sub of command.commands)
    sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}
