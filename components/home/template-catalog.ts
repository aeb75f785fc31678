import type { NotebookTemplate } from '@/lib/notebook/notebook';
import { mnistCnnTemplate } from '@/lib/bench/templates/mnist-cnn';
import { mnistMlpTemplate } from '@/lib/bench/templates/mnist-mlp';
import { playgroundTemplate } from '@/lib/bench/templates/playground';
import { spamTransformerTemplate } from '@/lib/bench/templates/spam-transformer';
import { imageCnnTemplate } from '@/lib/bench/templates/image-cnn';
import { speechKwsTemplate } from '@/lib/bench/templates/speech-kws';
import { tabularTemplate } from '@/lib/bench/templates/tabular';

/** The templates the home page offers, in display order (plain data: no tfjs is imported). */
export const TEMPLATES: NotebookTemplate[] = [mnistMlpTemplate, mnistCnnTemplate, playgroundTemplate, spamTransformerTemplate, tabularTemplate, imageCnnTemplate, speechKwsTemplate];
