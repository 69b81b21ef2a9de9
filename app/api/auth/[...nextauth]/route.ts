import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { rateLimitedSeconds } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";

export const { GET } = handlers;

/**
 * next-auth's endpoints. A credentials sign-in refused by the limits (see lib/auth) answers 429 with Retry-After
 * and the Spanish message, instead of next-auth's redirect back to the login page.
 */
export async function POST(req: NextRequest): Promise<Response> {
  const res = await handlers.POST(req);
  const location = res.headers.get("location");
  if (!location) return res;
  const wait = rateLimitedSeconds(new URL(location, req.url).searchParams.get("code"));
  if (wait === null) return res;
  const limited = new AppError("ratelimit:signin").toResponse();
  limited.headers.set("Retry-After", String(wait));
  return limited;
}
