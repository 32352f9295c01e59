// Reads the answer prompt templates from prompts/ for the Node shell (the Worker fetches its bundled copy).
import { readFile } from 'node:fs/promises';
import { answerPromptFiles, type AnswerPrompts } from './answerers.js';

export const promptsDirectory = new URL('../../prompts/', import.meta.url);

export async function readAnswerPrompts(directory: URL = promptsDirectory): Promise<AnswerPrompts> {
  const read = (file: string) => readFile(new URL(file, directory), 'utf8');
  return { system: await read(answerPromptFiles.system), user: await read(answerPromptFiles.user) };
}
