// Every subcommand of `asuhan`. Add new ones here.
import type { CliCommand } from '../command';
import { backupCommand, backupsCommand } from './backup';
import { demoCommand } from './demo';
import { exportCommand } from './export';
import { importCommand } from './import';
import { initCommand } from './init';
import { logCommand } from './log';
import { planCommand } from './plan';
import { programmeCommand } from './programme';
import { reportCommand } from './report';
import { restoreCommand } from './restore';
import { serveCommand } from './serve';
import { settingsCommand } from './settings';
import { solveCommand } from './solve';
import { statusCommand } from './status';

export const COMMANDS: CliCommand[] = [initCommand, statusCommand, settingsCommand, programmeCommand, demoCommand, serveCommand, backupCommand, backupsCommand, restoreCommand, planCommand, solveCommand, logCommand, reportCommand, exportCommand, importCommand];
