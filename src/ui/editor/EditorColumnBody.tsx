import DocumentMenuBody from './DocumentMenuBody';
import { EditToolbar } from './EditToolbar';
import { Palette } from './Palette';

/** Export / Import / Share, the edit toolbar and the palette (loaded right after first paint). */
export default function EditorColumnBody() {
  return (
    <>
      <DocumentMenuBody />
      <EditToolbar />
      <Palette />
    </>
  );
}
