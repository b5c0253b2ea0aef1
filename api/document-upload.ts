// One document per multipart request (the projects' and the security dossiers' documents): at most
// MAX_DOCUMENT_BYTES, its failures in the error vocabulary (413 too large, 400 a malformed form).
import multer from 'multer';
import { InvalidInputError, PayloadTooLargeError } from '../core/errors.js';
import { MAX_DOCUMENT_BYTES } from '../projects/documents.js';

// defParamCharset: file names arrive in UTF-8 (Chinese names), not latin1
const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 } });

export const uploadOne = (field: string) => (req: Parameters<ReturnType<typeof upload.single>>[0], res: Parameters<ReturnType<typeof upload.single>>[1], next: (err?: unknown) => void) =>
  upload.single(field)(req, res, (err?: unknown) => {
    if (!err) return next();
    if ((err as { code?: string }).code === 'LIMIT_FILE_SIZE') return next(new PayloadTooLargeError(`${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB`));
    // every other failure of the multipart parser (no boundary, a form cut off, an unexpected field, too many
    // parts) is a malformed request
    next(new InvalidInputError([{ path: field, code: 'field.invalid' }], 'MALFORMED_UPLOAD'));
  });
