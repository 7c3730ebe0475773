import type { Rule } from "antd/es/form";
import type { TFunction } from "i18next";

/** Client-side mirror of the API's password policy, so the officer learns it before submitting. */
export function newPasswordRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t("auth.passwordRule") },
    { min: 10, message: t("auth.passwordTooShort") },
    {
      validator: (_, value: string | undefined) =>
        !value || (/[A-Za-zÀ-ỹ]/.test(value) && /\d/.test(value))
          ? Promise.resolve()
          : Promise.reject(new Error(t("auth.passwordNeedsMix"))),
    },
  ];
}

/** A random temporary password that satisfies the policy (letters and digits, 14 characters). */
export function generatePassword(): string {
  const letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  const digits = "23456789";
  const all = letters + digits;
  const bytes = crypto.getRandomValues(new Uint32Array(14));
  const chars = Array.from(bytes, (b) => all[b % all.length]!);
  chars[0] = letters[bytes[0]! % letters.length]!;
  chars[5] = digits[bytes[5]! % digits.length]!;
  return chars.join("");
}
