// File names as users send them, made safe to show and to send back (the content itself is in core/files/store.ts).
/** A file name safe to show and to send back: no directories, no control characters, bounded length. */
export function cleanFileName(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  // control characters (C0, DEL, C1) and what Windows forbids in file names become '_'
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f"<>|:*?]/g, '_').replace(/^\.+/, '').trim();
  const name = cleaned || 'file';
  if (name.length <= 200) return name;
  // shorten the stem, never the extension: the extension is part of what the type check compares
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, 200 - ext.length) + ext;
}
