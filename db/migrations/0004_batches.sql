CREATE TABLE "video_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_by" uuid,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"created_count" integer NOT NULL,
	"refused_count" integer NOT NULL,
	"items" jsonb NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "video_batches" ADD CONSTRAINT "video_batches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_batches" ADD CONSTRAINT "video_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "video_batches_idem_key" ON "video_batches" USING btree ("workspace_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "video_batches_ws_created" ON "video_batches" USING btree ("workspace_id","created_at");