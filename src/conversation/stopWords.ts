/**
 * Words that carry no topic on their own. They are dropped before matching so that "how do I"
 * or "我的" cannot make two unrelated sentences look alike. Negations ("not", "no") stay:
 * "does not match" and "not supported" depend on them; so does "which" ("which documents").
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'so', 'if', 'then', 'than', 'of', 'to', 'in', 'on', 'at',
  'for', 'from', 'by', 'with', 'about', 'into', 'as', 'up', 'out', 'off', 'over',
  'i', 'me', 'my', 'mine', 'we', 'us', 'our', 'you', 'your', 'he', 'him', 'his', 'she', 'her',
  'it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those', 'there', 'here',
  'is', 'am', 'are', 'was', 'were', 'be', 'been', 'being', 'do', 'does', 'did', 'doing', 'done',
  'have', 'has', 'had', 'having', 'will', 'would', 'shall', 'should', 'can', 'could', 'may',
  'might', 'must', 'ca', 'wo', 'sha',
  'what', 'whats', 'who', 'whom', 'whose', 'why', 'how', 'where', 'when',
  'please', 'pls', 'plz', 'just', 'really', 'very', 'also', 'now', 'ok', 'okay', 'hi', 'hello',
  'hey', 'thanks', 'thank', 'some', 'any', 'all', 'get', 'got', 'says', 'say', 'said',
  // A request for help says that the user wants something, never what: "I need help from support".
  'help', 'need',
  'let', 'lets', 'im', 'ive', 'dont', 'doesnt', 'didnt', 'cant', 'wont', 'isnt', 'arent', 'wasnt',
]);

/**
 * Chinese function characters (particles, pronouns, question words). A character n-gram that
 * contains one is dropped, so "我的", "怎么" or "过期了" → "期了" never count as evidence.
 */
export const CHINESE_STOP_CHARACTERS: ReadonlySet<string> = new Set([...'的了吗呢吧啊呀哦嘛么我你您他她它们是在就都也还很这那个怎什么请会能把给让被']);

/**
 * Words that name what a conversation is about (an identity document, the support desk) but
 * never on their own what went wrong or what is asked: "my ID card", "passport" or "where is
 * support" is no failure cause and no scam report, however many triggers mention an ID or support.
 * The matcher names a topic only on evidence beyond these. Base forms: plurals fold onto them,
 * verb forms ("not supported") stay words of their own.
 */
export const ENGLISH_SUBJECT_WORDS: readonly string[] = [
  'id', 'card', 'passport', 'document', 'doc', 'licence', 'license', 'driver', 'driving', 'permit', 'residence',
  'identity', 'identification', 'national', 'student',
  'support', 'customer', 'service', 'agent', 'staff', 'team', 'helpdesk',
];

/** The same for Chinese: document names and the support desk. */
export const CHINESE_SUBJECT_WORDS: readonly string[] = [
  '身份证', '证件', '护照', '驾照', '驾驶证', '居住证', '学生证', '通行证', '客服', '人工',
];
