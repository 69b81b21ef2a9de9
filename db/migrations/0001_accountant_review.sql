CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"book_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text DEFAULT 'accountant' NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "queue_rank" smallint GENERATED ALWAYS AS (CASE "status" WHEN 'needs_review' THEN 7 WHEN 'extracted' THEN 6 WHEN 'failed' THEN 5 WHEN 'uploaded' THEN 4 WHEN 'processing' THEN 4 WHEN 'rejected' THEN 3 WHEN 'approved' THEN 2 ELSE 1 END) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_book_id_books_id_fk" FOREIGN KEY ("book_id") REFERENCES "public"."books"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_book_idx" ON "invitations" USING btree ("book_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_book_idx" ON "audit_events" USING btree ("book_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_book_queue_idx" ON "documents" USING btree ("book_id","queue_rank","created_at","id");--> statement-breakpoint
CREATE INDEX "invoices_book_total_idx" ON "invoices" USING btree ("book_id","total_cents");