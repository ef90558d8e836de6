// The test page's script: renders Jupyter display messages the way JupyterLab 4's output area does, with its own
// rendermime registry (standard renderers + json-extension at their ranks) and its own HTML sanitiser.
import { MimeModel, RenderMimeRegistry, standardRendererFactories } from '@jupyterlab/rendermime';
import { Sanitizer } from '@jupyterlab/apputils';
import jsonExtensions from '@jupyterlab/json-extension';
import { Widget } from '@lumino/widgets';
import { measure } from './measure.js';

const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories, sanitizer: new Sanitizer() });
// what JupyterLab's rendermime plugin does for each mime extension
for (const ext of [].concat(jsonExtensions)) {
  rendermime.addFactory(ext.rendererFactory, ext.rank);
}

/** Renders one display_data/execute_result content into host; as OutputArea: 'ensure' a safe type when untrusted. */
window.renderOutput = async (host, content, trusted) => {
  const mimeType = rendermime.preferredMimeType(content.data, trusted ? 'any' : 'ensure');
  if (!mimeType) {
    return { mimeType: null };
  }
  const model = new MimeModel({ data: content.data, metadata: content.metadata || {}, trusted });
  const renderer = rendermime.createRenderer(mimeType);
  await renderer.renderModel(model);
  Widget.attach(renderer, host);
  return { mimeType };
};
window.rendererRanks = () => Object.fromEntries(rendermime.mimeTypes.map(t => [t, rendermime.getRank(t)]));
window.measure = measure;
