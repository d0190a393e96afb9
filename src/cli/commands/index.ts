// Every subcommand of `asuhan`. Add new ones here.
import type { CliCommand } from '../command';
import { demoCommand } from './demo';
import { initCommand } from './init';
import { statusCommand } from './status';

export const COMMANDS: CliCommand[] = [initCommand, statusCommand, demoCommand];
