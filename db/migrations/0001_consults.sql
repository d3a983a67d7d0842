ALTER TABLE "turns" ADD COLUMN "consults" jsonb DEFAULT '[]'::jsonb NOT NULL;
