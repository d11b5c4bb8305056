import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .email("Enter a valid email address, like name@example.com.")
  .transform((e) => e.toLowerCase());

export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters for your password.")
  .max(200, "Use at most 200 characters for your password.");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters for your name."),
  email: emailSchema,
  password: passwordSchema,
  /** The token of a mailed invite, when signing up from an invitation link. */
  inviteToken: z.string().max(200).optional(),
});

export type SignUpInput = z.input<typeof signUpSchema>;
export type FieldErrors = Partial<Record<"name" | "email" | "password" | "form", string>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = (issue.path[0] as keyof FieldErrors) ?? "form";
    out[key] ??= issue.message;
  }
  return out;
}
