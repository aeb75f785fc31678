import type { Metadata } from 'next';
import { InferenceView } from '@/components/infer/inference-view';

export const metadata: Metadata = { title: 'Inference' };

/** `/infer` (drop a file) or `/infer?artifact=<id>` (an ONNX artifact of a local run). */
export default async function InferPage({ searchParams }: { searchParams: Promise<{ artifact?: string | string[] }> }) {
  const { artifact } = await searchParams;
  return <InferenceView artifactId={typeof artifact === 'string' && artifact.length > 0 ? artifact : null} />;
}
