/**
 * Vietnamese writes one word as several syllables with spaces ("căn cước", "hết hạn", "hộ
 * chiếu"). Read syllable by syllable, "hết hạn" counts as two words, so "phiên đăng nhập hết
 * hạn" (a session) shares two words with "căn cước hết hạn"; the "hộ" of "hộ chiếu" (passport)
 * is the "hộ" of "xác minh hộ" (on someone's behalf); and once the diacritics are gone English
 * stop words swallow "căn", "tờ" and "thất". The words the topics turn on are joined into one,
 * in triggers and user text alike, as normalizeText leaves them. Without its diacritics "bạn"
 * (you, friend) and "bán" (sell) are "ban", a function word; "bị ban" (got banned) is joined so
 * the English loan survives it, and so does the friend of "bạn bè", "bạn tôi" (my friend), whose
 * document is someone else's. Family words are joined too: alone their syllables are short words
 * within typo distance of everyday ones ("ba" of "bố mẹ"-like "ba má" is "bị", "chồng" is
 * "không") or are other words ("anh" is also "ảnh", photo; "chị" is "chỉ", only).
 */
const COMPOUNDS: readonly string[] = [
  // documents and the people behind them
  ...['can cuoc', 'giay to', 'tuy than', 'ho chieu', 'bang lai', 'chung minh', 'nhan dan', 'giay hen', 'tam thoi'],
  ...['ban be', 'ban toi', 'ban minh', 'ban em', 'ban gai', 'ban trai', 'nguoi yeu', 'nguoi khac'],
  ...['nguoi nha', 'nguoi than', 'bo me', 'ba me', 'ba ma', 'anh trai', 'chi gai', 'em trai', 'em gai'],
  ...['ho tro', 'cham soc', 'khach hang', 'nhan vien', 'tai khoan', 'dang ky', 'dang nhap', 'ung dung'],
  // what went wrong
  ...['het han', 'qua han', 'hieu luc', 'that bai', 'thanh cong', 'tu choi', 'xac minh', 'xac thuc', 'danh tinh'],
  ...['nhan dien', 'khuon mat', 'thong tin', 'ngay sinh', 'ho ten', 'trung khop', 'sai lech', 'dinh dang'],
  ...['chat luong', 'phan giai', 'su dung', 'lien ket', 'gioi han', 'han che'],
  // questions
  ...[
    'ho so',
    'dang vien',
    'nha bao',
    'xet duyet',
    'ket qua',
    'bao lau',
    'bao gio',
    'vinh vien',
    'dinh chi',
    'uu tien',
  ],
  ...[
    'bi ban',
    'tai san',
    'so du',
    'dong bang',
    'tich thu',
    'rut tien',
    'mat khau',
    'lua dao',
    'gia mao',
    'cum tu',
    'khoi phuc',
  ],
];

const JOINABLE = new RegExp(`(?<![^ ])(?:${COMPOUNDS.join('|')})(?![^ ])`, 'g');
const COMPOUND_SET: ReadonlySet<string> = new Set(COMPOUNDS);

/** Whether two folded syllables make one listed word, for text read syllable by syllable (vietnameseTones.ts). */
export function isVietnameseCompound(first: string, second: string): boolean {
  return COMPOUND_SET.has(`${first} ${second}`);
}

/** The text with each listed Vietnamese word's syllables joined: "can cuoc het han" → "cancuoc hethan". */
export function joinVietnameseCompounds(normalized: string): string {
  return normalized.replace(JOINABLE, (compound) => compound.replace(' ', ''));
}
