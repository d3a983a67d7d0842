-- Stored as is, not compressed: a download reads a file slice by slice (substring), and Postgres
-- can fetch one slice of an uncompressed TOAST value without reading the whole file.
ALTER TABLE "files" ALTER COLUMN "content" SET STORAGE EXTERNAL;
