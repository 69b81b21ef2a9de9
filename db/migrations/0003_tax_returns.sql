CREATE TABLE "other_expenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"book_id" uuid NOT NULL,
	"date" date NOT NULL,
	"concept" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"repeat" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tax_filings" (
	"book_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" smallint NOT NULL,
	"filed_by" uuid,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "tax_filings_book_id_year_quarter_pk" PRIMARY KEY("book_id","year","quarter")
);
--> statement-breakpoint
ALTER TABLE "books" ADD COLUMN "irpf_regime" text DEFAULT 'directa_simplificada' NOT NULL;--> statement-breakpoint
ALTER TABLE "books" ADD COLUMN "carry_forward_303_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "books" ADD COLUMN "last_year_net_income_cents" bigint;--> statement-breakpoint
ALTER TABLE "books" ADD COLUMN "q4_refund" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "reverse_charge" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "reverse_charge_rate" numeric(5, 2);--> statement-breakpoint
ALTER TABLE "other_expenses" ADD CONSTRAINT "other_expenses_book_id_books_id_fk" FOREIGN KEY ("book_id") REFERENCES "public"."books"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "other_expenses" ADD CONSTRAINT "other_expenses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_filings" ADD CONSTRAINT "tax_filings_book_id_books_id_fk" FOREIGN KEY ("book_id") REFERENCES "public"."books"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_filings" ADD CONSTRAINT "tax_filings_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "other_expenses_book_date_idx" ON "other_expenses" USING btree ("book_id","date");