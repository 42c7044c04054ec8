/**
 * Words that carry no topic on their own. They are dropped before matching so that "how do I"
 * or "我的" cannot make two unrelated sentences look alike. Negations ("not", "no") stay:
 * "does not match" and "not supported" depend on them; so does "which" ("which documents").
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
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
]);

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
 * Function words of the other spaced languages, written as normalizeText leaves them (no
 * diacritics). Negations stay, as in English: "no coincide", "не совпадает", "eşleşmiyor" and
 * "tidak cocok" say what went wrong. Words that are content in another language are left out.
 */
export const OTHER_STOP_WORDS: ReadonlySet<string> = new Set([
  // es
  ...'el la los las un una unos unas de del al y o en con por para que mi mis tu tus su sus me te se lo le les es son esta este esto estan fue era ser hay muy ya pero como cuando donde porque si yo tengo tiene hola gracias favor ahora aqui eso esa ese'.split(
    ' ',
  ),
  // pt-BR
  ...'o os as um uma uns umas do da dos das no na nos nas em com por pra para que meu minha meus minhas seu sua eu voce ele ela isso isto esse essa este esta e ou mas mais muito ja foi ser sao tem tenho estou esta ola obrigado obrigada agora aqui'.split(
    ' ',
  ),
  // fr
  ...'le la les un une des du de d l au aux et ou en dans avec pour par que qui quoi mon ma mes ton ta tes son sa ses je j tu il elle on nous vous ils elles me m te t se s ce c cet cette est sont suis ai as a avez ont etait tres deja mais comment quand bonjour merci svp stp'.split(
    ' ',
  ),
  // tr ("süre", the period, says nothing until something "doldu": "oturum süresi doldu" is no document)
  ...'bir bu su o ve veya ile icin da de mi mu mı ne ben sen biz siz benim senin bana sana cok daha en gibi ama ki var merhaba selam tesekkurler lutfen simdi sure suresi suresinin suresini diyor yaziyor'.split(
    ' ',
  ),
  // id
  ...'yang dan atau di ke dari untuk dengan pada ini itu saya aku kamu anda dia kami kita mereka sudah telah akan adalah ada juga sangat bisa apa kenapa bagaimana kapan halo terima kasih tolong nya sih dong ya'.split(
    ' ',
  ),
  // vi (one syllable a word; "báo" and "bảo" report what the app says, as "пишет" and "diyor" do)
  ...'toi minh ban cua la va voi cho nay do thi ma o nhe a oi em da dang se rat cung xin chao cam on bao'.split(' '),
  // ru
  ...'и в во на с со к ко по о об от до из у за для что это этот эта мой моя мое мои мне меня я ты вы он она они мы его ее их же ли бы был была было были есть как когда где почему уже очень а но или здравствуйте привет спасибо пожалуйста'.split(
    ' ',
  ),
  // uk
  ...'і й та в у на з із зі до від по про за для що це цей ця мій моя моє мої мені мене я ти ви він вона вони ми його її їх вже дуже а але чи як коли де чому привіт дякую будь ласка пише пишуть написали написано каже кажуть'.split(
    ' ',
  ),
  // ar (without vowel marks, ة as ه)
  ...'في من على الى إلى عن مع و او أو ان أن هذا هذه ذلك انا أنا انت أنت هو هي نحن لي لك كان كانت قد ما ماذا كيف متى لماذا مرحبا شكرا من فضلك'.split(
    ' ',
  ),
]);

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
  ...'giay to tuy than can cuoc cmnd cccd ho chieu bang lai the ho tro cham soc khach hang nhan vien'.split(' '),
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
