/** Display rules shared by client and server, so a phone is masked the same way everywhere. */

/** 13812345678 -> 138****5678; anything shorter keeps only its last two digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `${'*'.repeat(Math.max(phone.length - 2, 0))}${phone.slice(-2)}`;
}

/** 张三丰 -> 张** ; a real name is shown masked in lists seen by others. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  return name.slice(0, 1) + '*'.repeat(Math.max(name.length - 1, 1));
}
