import Layout from '@theme/Layout';
import React from 'react';
import { TrainingStatusTables } from '@site/src/components/TrainingRecords';

export default function TrainingStatusPage() {
  return (
    <Layout title="Training status" description="Which training each role requires, and who on the on-call rotations is ready.">
      <main className="container margin-vert--lg">
        <h1>Training status</h1>
        <p>
          Requirements come from <code>data/training.yaml</code>, completions from the records in <code>data/training-records/</code> and people from the
          on-call rotations. The same figures come from <code>npx handbook training status</code>, and the <code>training-readiness</code> check warns before
          someone's first shift and fails once they are on call without the training.
        </p>
        <TrainingStatusTables />
      </main>
    </Layout>
  );
}
