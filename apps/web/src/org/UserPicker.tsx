import type { TUser } from "@eiso/contracts";
import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import type { TUserPage } from "./queries";

/** Debounces a fast-changing value (typing) so the API is asked once the officer pauses. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Finds an active officer in the user's scope by name, username or e-mail (searched by the API). */
export function UserPicker({
  value,
  onChange,
  excludeIds,
  placeholder,
  id,
}: {
  value?: string;
  onChange?: (id: string) => void;
  excludeIds?: readonly string[];
  placeholder?: string;
  id?: string;
}) {
  const [search, setSearch] = useState("");
  const q = useDebounced(search);
  const users = useQuery({
    queryKey: ["users", "picker", q],
    queryFn: () => api.get<TUserPage>("/api/users", { q, page: 1, pageSize: 20 }),
  });
  // Labels of every officer seen so far, so the chosen one keeps its name when a new search
  // replaces the options (otherwise the field would show a bare id).
  const seen = useRef(new Map<string, string>());
  const found = (users.data?.items ?? [])
    .filter((u: TUser) => u.status === "active" && u.kind === "officer" && !excludeIds?.includes(u.id))
    .map((u) => ({
      value: u.id,
      label: `${u.fullName} (${u.username})${u.unitName ? ` — ${u.unitName}` : ""}`,
    }));
  for (const o of found) seen.current.set(o.value, o.label);
  const chosen = value && !found.some((o) => o.value === value) ? seen.current.get(value) : undefined;
  const options = chosen && value ? [{ value, label: chosen }, ...found] : found;
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      loading={users.isFetching}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      data-testid="user-picker"
    />
  );
}
