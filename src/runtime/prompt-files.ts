// Reads the prompt templates from prompts/ for the Node shell (the Worker fetches its bundled copy).
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { answerPromptFiles, summaryPromptFiles, type AnswerPrompts, type SummaryPrompts } from './answerers.js';
import { projectPath } from './project-root.js';

export const promptsDirectory = pathToFileURL(projectPath('prompts') + '/');

const reader = (directory: URL) => (file: string) => readFile(new URL(file, directory), 'utf8');

export async function readAnswerPrompts(directory: URL = promptsDirectory): Promise<AnswerPrompts> {
  const read = reader(directory);
  return { system: await read(answerPromptFiles.system), user: await read(answerPromptFiles.user) };
}

/** The handoff-summary templates, read when CHAT_MODEL is set. */
export async function readSummaryPrompts(directory: URL = promptsDirectory): Promise<SummaryPrompts> {
  const read = reader(directory);
  return { system: await read(summaryPromptFiles.system), user: await read(summaryPromptFiles.user) };
}
