CREATE TABLE "vendor_memory" (
	"book_id" uuid NOT NULL,
	"vendor_tax_id" text NOT NULL,
	"vendor_name" text,
	"documents" integer DEFAULT 0 NOT NULL,
	"hints" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_memory_book_id_vendor_tax_id_pk" PRIMARY KEY("book_id","vendor_tax_id")
);
--> statement-breakpoint
ALTER TABLE "extractions" ADD COLUMN "layout" jsonb;--> statement-breakpoint
ALTER TABLE "vendor_memory" ADD CONSTRAINT "vendor_memory_book_id_books_id_fk" FOREIGN KEY ("book_id") REFERENCES "public"."books"("id") ON DELETE cascade ON UPDATE no action;