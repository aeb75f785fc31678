/**
 * What an exported file's input is, when it is not the raw data a user has: the templates run a
 * front end in tfjs (log-mel features, a tokenizer, column encodings) that is not in the ONNX
 * file, and a caller must run the same one first. Read from the run's dataset fingerprint;
 * null when the model's input is the data itself (MNIST pixels, 2-D points).
 */
/** Every input note starts with this (the run page's export panel shows those notes). */
export const INPUT_NOTE = 'input: ';

export function exportInputNote(fingerprint: string | null | undefined): string | null {
  if (!fingerprint) return null;
  if (fingerprint.startsWith('speech:')) {
    return "input: log-mel spectrograms (61 frames × 40 mel bands × 1, standardized per clip), not audio: the STFT → mel filterbank → log front end ran in tfjs before the model and is not in this file; compute the same features (lib/bench/speech/log-mel.ts) before calling it";
  }
  if (/:bpe=\d+:len=\d+$/.test(fingerprint)) {
    return 'input: BPE token ids (int32, one row of the trained length per text); the tokenizer trained in the notebook is not in this file: encode texts with it before calling';
  }
  if (fingerprint.startsWith('table:')) {
    return 'input: encoded feature vectors (numeric columns standardized with the training mean and deviation, categorical ones one-hot, missing values filled), not raw CSV rows: that encoding is not in this file';
  }
  if (fingerprint.startsWith('images:')) return 'input: 32×32 RGB images with values as the dataset gave them (center-cropped and resized before the model; not in this file)';
  return null;
}
