ALTER TABLE "video_templates" ADD COLUMN "music_bed" text;--> statement-breakpoint
ALTER TABLE "video_templates" ADD COLUMN "music_volume_db" integer DEFAULT -20 NOT NULL;