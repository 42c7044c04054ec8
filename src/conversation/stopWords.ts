import { LANGUAGES, type Language } from '../i18n/locales';
import { normalizeText } from '../i18n/normalizeText';
import { recordOf } from '../recordOf';

/**
 * Vietnamese function words as typed with their marks ("báo" and "bảo" report what the app says,
 * as "пишет" and "diyor" do; "để", "vào", "nó", "ai", "về"; "sao" of "làm sao", "tại sao": how,
 * why). Folded, they are the Vietnamese entry of STOP_WORD_LISTS; as typed they are kept beside
 * it, so a text typed with marks drops the function word and not its tone twins: "cho" (for),
 * not "chờ" (wait); "bạn" (you), not "bán" (sell) (see vietnameseTones.ts).
 */
export const VIETNAMESE_FUNCTION_WORDS: readonly string[] = [
  ...'tôi mình bạn của là và với cho này đó thì mà ở nhé à ơi em đã đang sẽ rất cũng xin chào cảm ơn báo bảo'.split(
    ' ',
  ),
  ...'để vào nó ai về sao'.split(' '),
];

/** Vietnamese subject words (see OTHER_SUBJECT_WORDS) as typed with their marks. */
export const VIETNAMESE_SUBJECT_TEXT =
  'giấy tờ tùy thân căn cước cmnd cccd hộ chiếu bằng lái thẻ hỗ trợ chăm sóc khách hàng nhân viên';

/**
 * Words that carry no topic on their own. They are dropped before matching so that "how do I"
 * or "我的" cannot make two unrelated sentences look alike. Negations ("not", "no") stay:
 * "does not match" and "not supported" depend on them; so does "which" ("which documents").
 */
const ENGLISH_STOP_WORD_LIST: readonly string[] = [
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'so',
  'if',
  'then',
  'than',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'from',
  'by',
  'with',
  'about',
  'into',
  'as',
  'up',
  'out',
  'off',
  'over',
  'i',
  'me',
  'my',
  'mine',
  'we',
  'us',
  'our',
  'you',
  'your',
  'he',
  'him',
  'his',
  'she',
  'her',
  'it',
  'its',
  'they',
  'them',
  'their',
  'this',
  'that',
  'these',
  'those',
  'there',
  'here',
  'is',
  'am',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'do',
  'does',
  'did',
  'doing',
  'done',
  'have',
  'has',
  'had',
  'having',
  'will',
  'would',
  'shall',
  'should',
  'can',
  'could',
  'may',
  'might',
  'must',
  'ca',
  'wo',
  'sha',
  'what',
  'whats',
  'who',
  'whom',
  'whose',
  'why',
  'how',
  'where',
  'when',
  'please',
  'pls',
  'plz',
  'just',
  'really',
  'very',
  'also',
  'now',
  'ok',
  'okay',
  'hi',
  'hello',
  'hey',
  'thanks',
  'thank',
  'some',
  'any',
  'all',
  'get',
  'got',
  'says',
  'say',
  'said',
  // A request for help says that the user wants something, never what: "I need help from support".
  'help',
  'need',
  'let',
  'lets',
  'im',
  'ive',
  'dont',
  'doesnt',
  'didnt',
  'cant',
  'wont',
  'isnt',
  'arent',
  'wasnt',
  // Chat forms: "u", "ur", "idk why", "bc", "cuz", "rn" (right now), "smh", "thx"
  'u',
  'ur',
  'r',
  'ya',
  'idk',
  'bc',
  'cuz',
  'coz',
  'rn',
  'tho',
  'smh',
  'thx',
  'ty',
];
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(ENGLISH_STOP_WORD_LIST);

/**
 * Chinese function characters (particles, pronouns, question words). A character n-gram that
 * contains one is dropped, so "我的", "怎么" or "过期了" → "期了" never count as evidence.
 */
export const CHINESE_STOP_CHARACTERS: ReadonlySet<string> = new Set(
  '的了吗呢吧啊呀哦嘛么我你您他她它们是在就都也还很这那个怎什么请会能把给让被',
);

/**
 * Words that name what a conversation is about (an identity document, the support desk) but
 * never on their own what went wrong or what is asked: "my ID card", "passport" or "where is
 * support" is no failure cause and no scam report, however many triggers mention an ID or support.
 * The matcher names a topic only on evidence beyond these. Base forms: plurals fold onto them,
 * verb forms ("not supported") stay words of their own.
 */
export const ENGLISH_SUBJECT_WORDS: readonly string[] = [
  'id',
  'card',
  'passport',
  'document',
  'doc',
  'licence',
  'license',
  'driver',
  'driving',
  'permit',
  'residence',
  'identity',
  'identification',
  'national',
  'student',
  'support',
  'customer',
  'service',
  'agent',
  'staff',
  'team',
  'helpdesk',
];

/** The same for Chinese: document names and the support desk. */
export const CHINESE_SUBJECT_WORDS: readonly string[] = [
  '身份证',
  '证件',
  '护照',
  '驾照',
  '驾驶证',
  '居住证',
  '学生证',
  '通行证',
  '客服',
  '人工',
];

/**
 * Function words of every language, as normalizeText leaves them (no diacritics), one entry per
 * language: a word is dropped only from a text read as a language whose entry has it (triggers:
 * their own language; a user's text: see the matcher's reading), so French "mes" (my) leaves
 * Spanish "mes" (month) alone and Vietnamese "bạn" (you) leaves English "ban" alone. Negations
 * stay, as in English: "no coincide", "не совпадает", "eşleşmiyor" and "tidak cocok" say what went
 * wrong (see NEGATIONS). Chinese, Japanese and Korean triggers read their Latin words ("KYC",
 * "ID") as English.
 */
const STOP_WORD_LISTS: Readonly<Record<Language, readonly string[]>> = {
  en: ENGLISH_STOP_WORD_LIST,
  'zh-CN': ENGLISH_STOP_WORD_LIST,
  'zh-TW': ENGLISH_STOP_WORD_LIST,
  ja: ENGLISH_STOP_WORD_LIST,
  ko: ENGLISH_STOP_WORD_LIST,
  es: [
    // es
    ...'el la los las un una unos unas de del al y o en con por para que mi mis tu tus su sus me te se lo le les es son esta este esto estan fue era ser hay muy ya pero como cuando donde porque si yo tengo tiene hola gracias favor ahora aqui eso esa ese'.split(
      ' ',
    ),
    // es, chat forms and the modal verbs ("can I"), as English drops "can"
    ...'q k xq pq porq tb tmb puedo puede pueden podria podrian'.split(' '),
    // es: "a" (to), "has" (you have), "chao"
    ...'a has chao'.split(' '),
  ],
  'pt-BR': [
    // pt-BR
    ...'o os as um uma uns umas do da dos das no na nos nas em com por pra para que meu minha meus minhas seu sua eu voce ele ela isso isto esse essa este esta e ou mas mais muito ja foi ser sao tem tenho estou esta ola obrigado obrigada agora aqui'.split(
      ' ',
    ),
    // pt-BR, chat forms and the modal verbs ("can I", "will"), as English drops "can" and "will"
    ...'vc vcs voces q pq porque quando onde pelo pela pelos pelas num numa dessa desse nessa nesse aquele aquela entao ai ne ta to pro pros posso pode podem poderia consigo vou vai vao'.split(
      ' ',
    ),
    // pt-BR: "a", "me", "se" (if), "lá", "só", "for" (se for), "c/" (com), "oi"
    ...'a me se la so for c oi'.split(' '),
  ],
  fr: [
    // fr
    ...'le la les un une des du de d l au aux et ou en dans avec pour par que qui quoi mon ma mes ton ta tes son sa ses je j tu il elle on nous vous ils elles me m te t se s ce c cet cette est sont suis ai as a avez ont etait tres deja mais comment quand bonjour merci svp stp'.split(
      ' ',
    ),
    // fr: chat forms and modal verbs ("can I"), as English drops "can"
    ...'ca y lui leur moi toi alors donc car comme pourquoi jsp'.split(' '),
    // fr: "si" (if), "va", "ne" ("pas" carries the negation)
    ...'si va ne'.split(' '),
    // fr: "mot" of "mot de passe", which is one word as "password" is: "mot de passe oublié" names no scam
    ...'mot'.split(' '),
  ],
  tr: [
    // tr ("süre", the period, says nothing until something "doldu": "oturum süresi doldu" is no document)
    ...'bir bu su o ve veya ile icin da de mi mu mı ne ben sen biz siz benim senin bana sana cok daha en gibi ama ki var merhaba selam tesekkurler lutfen simdi sure suresi suresinin suresini diyor yaziyor'.split(
      ' ',
    ),
  ],
  id: [
    // id
    ...'yang dan atau di ke dari untuk dengan pada ini itu saya aku kamu anda dia kami kita mereka sudah telah akan adalah ada juga sangat bisa apa kenapa bagaimana kapan halo terima kasih tolong nya sih dong ya'.split(
      ' ',
    ),
    // id, chat forms: pronouns, particles, "if", "but", "how", "why", "says"
    ...'yg dgn sy aq gw gue ane lu km kmu aja saja deh kok kan lah kah nih tuh yah kalo kalau klo tp tapi jd krn karena karna gmn gimana knp kenapa apakah bagaimana buat pengen pgn punya soalnya padahal katanya bilang dibilang'.split(
      ' ',
    ),
  ],
  // vi: one syllable a word, folded and as typed
  vi: [...VIETNAMESE_FUNCTION_WORDS.map(normalizeText), ...VIETNAMESE_FUNCTION_WORDS],
  ru: [
    // ru
    ...'и в во на с со к ко по о об от до из у за для что это этот эта мой моя мое мои мне меня я ты вы он она они мы его ее их же ли бы был была было были есть как когда где почему уже очень а но или здравствуйте привет спасибо пожалуйста'.split(
      ' ',
    ),
    // ru: "чё", "чо", "шо", the spoken "что"
    ...'чё чо шо'.split(' '),
    // ru in Latin letters ("u menya", "na"; "ne" is a negation and stays)
    ...'v na s k so po o ob ot do iz u za dlya chto eto etot moi moy moya menya mne ya ty vy on ona oni my ego ee ih zhe li by byl byla bylo byli est kak kogda gde pochemu uzhe ochen a no ili privet spasibo pozhaluysta pishet'.split(
      ' ',
    ),
  ],
  uk: [
    // uk
    ...'і й та в у на з із зі до від по про за для що це цей ця мій моя моє мої мені мене я ти ви він вона вони ми його її їх вже дуже а але чи як коли де чому привіт дякую будь ласка пише пишуть написали написано каже кажуть'.split(
      ' ',
    ),
    // uk: "шо", the spoken "що"
    'шо',
    // uk: "уже" beside "вже"; "can" ("не можу увійти" is a login problem, "можуть забанити" a ban)
    ...'уже можу може можуть'.split(' '),
    // uk: "want" ("хочу пройти верифікацію за друга" is no request to change the document)
    ...'хочу хочеться хотів хотіла'.split(' '),
  ],
  ar: [
    // ar (as normalizeText leaves it: no vowel or hamza marks, ة as ه)
    ...'في من على الى عن مع و او ان هذا هذه ذلك انا انت هو هي نحن لي لك كان كانت قد ما ماذا كيف متى لماذا مرحبا شكرا فضلك'.split(
      ' ',
    ),
    // ar: Gulf, Egyptian and Levantine function words ("what", "which", "why", "because", "if", "now")
    ...'هل اللي الي عشان علشان لان يعني بس كمان ايضا وش ايش شو ايه ليش ليه لو اذا يا والله الحين دحين دلوقتي هلا'.split(
      ' ',
    ),
  ],
};

/**
 * Each language's function words, as a set, each also as normalizeText leaves it: texts are
 * compared folded, and Arabic "على" is "علي" then (the marked Vietnamese forms stay for the
 * marked reading, see vietnameseTones.ts).
 */
export const STOP_WORDS: Readonly<Record<Language, ReadonlySet<string>>> = recordOf(
  LANGUAGES,
  (language) => new Set(STOP_WORD_LISTS[language].flatMap((word) => [word, normalizeText(word)])),
);

/** Japanese particles: a character n-gram that contains one is dropped, as with the Chinese function characters. */
export const JAPANESE_STOP_CHARACTERS: ReadonlySet<string> = new Set(Array.from('のはがをにへとやかねよ'));

/** Korean particles that end a word ("사진이" is "사진" + subject particle); longest first. */
export const KOREAN_PARTICLES: readonly string[] = [
  '에서는',
  '으로는',
  '에서',
  '으로',
  '에게',
  '까지',
  '부터',
  '하고',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '에',
  '의',
  '도',
  '로',
  '와',
  '과',
];

/**
 * Korean verb and adjective endings (polite, past, plain, connective): "만료되었습니다", "만료됐어요" and
 * "만료된" all leave "만료". Without this every polite sentence shares "습니", "니다" or "어요" with
 * every trigger, which counts as evidence; "세션이 만료되었습니다" would then be an expired document.
 */
export const KOREAN_ENDINGS: readonly string[] = [
  ...'되었습니다 당했습니다 하였습니다 되었어요 당했어요 되었는데 했습니다 됐습니다 었습니다 았습니다 였습니다 했는데요 됐는데요 했더니 됐더니 당했다 당한 당함'.split(
    ' ',
  ),
  ...'했어요 됐어요 었어요 았어요 였어요 해서요 돼서요 합니다 됩니다 습니다 는데요 거든요 하네요 되네요 했는데 됐는데 했어여 됐어여'.split(
    ' ',
  ),
  ...'했어 됐어 했다 됐다 했음 됐음 해요 돼요 해서 돼서 하면 되면 하다 되다 한다 된다 하고 되고 해여 돼여 어요 아요 네요 대요 래요 나요 세요 니다'.split(
    ' ',
  ),
  ...'함 됨 한 된 고 요'.split(' '),
];

/**
 * Whole Korean words that carry no topic: pronouns, fillers, question words and the helpers of
 * "want to" / "please do" / "is there". "다크 모드로 바꾸고 싶어요" shares only "바꾸고" with a trigger then.
 * Negations ("안", "못", "없어요") stay, as in the other languages.
 */
export const KOREAN_STOP_WORDS: ReadonlySet<string> = new Set(
  '좀 제 저 저는 제가 저도 내 나 나는 내가 너무 정말 진짜 그냥 왜 어떻게 어떡해요 어떡하죠 뭐 뭔가요 뭐예요 싶어요 싶어 싶습니다 싶은데 주세요 해주세요 있어요 있나요 있습니까 있을까요 건가요 거예요 거죠 근데 그런데 그리고 혹시 지금 이거 그거 이게 그게 요 ㅠㅠ ㅜㅜ ㅋㅋ'.split(
    ' ',
  ),
);

/** Subject words of the other languages (see ENGLISH_SUBJECT_WORDS), as normalizeText leaves them. */
export const OTHER_SUBJECT_WORDS: readonly string[] = [
  // es
  ...'documento identidad pasaporte licencia conducir cedula dni tarjeta soporte atencion cliente agente'.split(' '),
  // pt-BR
  ...'documento identidade passaporte carteira habilitacao cnh rg cartao suporte atendimento cliente atendente'.split(
    ' ',
  ),
  // fr
  ...'document piece identite passeport permis conduire carte titre sejour support service client agent assistance'.split(
    ' ',
  ),
  // tr
  ...'belge kimlik pasaport ehliyet kart nufus cuzdani destek musteri hizmetleri temsilci'.split(' '),
  // id
  ...'dokumen identitas ktp paspor sim kartu dukungan layanan pelanggan agen cs'.split(' '),
  // vi
  ...normalizeText(VIETNAMESE_SUBJECT_TEXT).split(' '),
  // ru
  ...'документ паспорт удостоверение права карта поддержка служба оператор клиент'.split(' '),
  // uk
  ...'документ паспорт посвідчення права картка підтримка служба оператор клієнт'.split(' '),
  // ar
  ...'وثيقه مستند هويه جواز سفر رخصه قياده بطاقه دعم خدمه عملاء موظف'.split(' '),
];

/** The same for Japanese and Korean, compared as characters. */
export const CJK_SUBJECT_WORDS: readonly string[] = [
  '本人確認書類',
  '身分証',
  'パスポート',
  '運転免許証',
  'サポート',
  '신분증',
  '여권',
  '운전면허증',
  '고객센터',
  '상담원',
];

/**
 * Negations, as normalizeText leaves them. They stay in the text ("does not match", "не
 * совпадает") and weigh as evidence, but never count as one of the two words a topic needs:
 * "not" and one word shared with a trigger are a coincidence, as one word alone is.
 */
export const NEGATIONS: Readonly<Record<Language, readonly string[]>> = {
  en: ['not', 'no', 'never', 'cannot', 'nothing', 'none'],
  'zh-CN': [],
  'zh-TW': [],
  ja: [],
  ko: [],
  es: ['no', 'nunca', 'ni', 'nada'],
  'pt-BR': ['nao', 'nunca', 'nem', 'nada'],
  fr: ['pas', 'non', 'jamais', 'rien'],
  tr: ['degil', 'yok', 'hayir'],
  id: ['tidak', 'tak', 'bukan', 'belum', 'gak', 'nggak', 'ga', 'enggak', 'engga', 'ndak', 'gk', 'tdk', 'blm', 'ngga'],
  // vi, and as typed with marks when a trigger makes it a word of its own (vietnameseTones.ts)
  vi: ['khong', 'chua', 'ko', 'kg', 'khg', 'không', 'chưa'],
  ru: ['не', 'нет', 'ни', 'ne', 'net'],
  uk: ['не', 'ні', 'нема', 'немає'],
  ar: ['لا', 'لم', 'لن', 'ليس', 'مش', 'مو'],
};
