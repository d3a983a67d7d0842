CREATE TABLE "file_chunks" (
	"file_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "file_chunks_file_id_seq_pk" PRIMARY KEY("file_id","seq")
);
--> statement-breakpoint
ALTER TABLE "file_chunks" ADD CONSTRAINT "file_chunks_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Not compressed: uploads are mostly PDFs and images, compressed already, and compressing on
-- PGlite spends the thread every request shares.
ALTER TABLE "file_chunks" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;--> statement-breakpoint
-- Files stored before keep their bytes, cut into the same 256 KB chunks new files are written in.
INSERT INTO "file_chunks" ("file_id", "seq", "bytes")
SELECT "id", "seq", substring("content" from "seq" * 262144 + 1 for 262144)
FROM "files", generate_series(0, (length("content") - 1) / 262144) AS "seq";--> statement-breakpoint
ALTER TABLE "files" DROP COLUMN "content";
