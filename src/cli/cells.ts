/**
 * `footprint cells FILE`: each cell's blast radius and the N+2 check (src/app computes them,
 * src/report renders them; exit 1 when a check fails).
 */
import type { Command } from 'commander';
import { cellsReport } from '../app/index.js';
import { loadEstate } from '../model/index.js';
import { renderCells } from '../report/index.js';
import { ChecksFailed, type CliIo, emit } from './io.js';

export function registerCells(program: Command, io: CliIo): void {
  program
    .command('cells')
    .description(
      "cells' blast radius: the share of users and capacity one cell takes, whether the rest absorbs it, and the N+2 check; exit 1 when a check fails",
    )
    .argument('<file>', 'the estate file')
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean }) => {
      const report = cellsReport(loadEstate(file));
      emit(io, options.json === true, report, () => renderCells(report));
      if (!report.ok) throw new ChecksFailed();
    });
}
