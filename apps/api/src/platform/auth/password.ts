import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors";

// argon2id (the library's default algorithm) with OWASP's recommended minimum cost.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** At least 10 characters with a letter and a digit; long passphrases are welcome. */
export function assertPasswordPolicy(password: string): void {
  if (password.length < 10 || !/\p{L}/u.test(password) || !/\d/.test(password)) {
    throw new AppError("password_policy");
  }
}
