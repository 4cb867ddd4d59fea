package app.wasla.persona;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The persona's own sentences in Egyptian Arabic, MSA, Arabizi and English; {0}, {1}… are filled
 * in.
 */
final class ReplyTexts {

  private static final Map<String, String[]> TEXTS =
      Map.ofEntries(
          t(
              "mediaAskPhoto",
              "وصلتني الصورة 👍 تحب أساعدك في إيه بخصوصها؟",
              "وصلتني الصورة. بماذا يمكنني مساعدتك بخصوصها؟",
              "Wesletny el soura 👍 te7eb asa3dak f eh bekhsosha?",
              "Got your photo 👍 What can I help you with about it?"),
          t(
              "mediaAskVideo",
              "وصلني الفيديو 👍 تحب أساعدك في إيه بخصوصه؟",
              "وصلني الفيديو. بماذا يمكنني مساعدتك بخصوصه؟",
              "Weselny el video 👍 te7eb asa3dak f eh bekhsoso?",
              "Got your video 👍 What can I help you with about it?"),
          t(
              "mediaAskFile",
              "وصلني الملف 👍 تحب أساعدك في إيه بخصوصه؟",
              "وصلني الملف. بماذا يمكنني مساعدتك بخصوصه؟",
              "Weselny el file 👍 te7eb asa3dak f eh bekhsoso?",
              "Got your file 👍 What can I help you with about it?"),
          t(
              "mediaFileRefused",
              "معلش مش بقدر أفتح النوع ده من الملفات 🙏 ابعتهولي صورة أو ملف PDF وأنا أشوفه.",
              "عذراً، لا يمكنني فتح هذا النوع من الملفات. أرسله صورةً أو ملف PDF وسأطّلع عليه.",
              "Ma3lesh msh ba2dar afta7 el no3 da mn el files 🙏 ab3atholy soura aw PDF w ana ashofo.",
              "Sorry, I can''t open this kind of file 🙏 Please send it as a photo or a PDF and I''ll take a look."),
          t(
              "mediaAskSticker",
              "😊 أقدر أساعدك إزاي؟",
              "😊 كيف يمكنني مساعدتك؟",
              "😊 a2dar asa3dak ezay?",
              "😊 How can I help?"),
          t(
              "mediaHandoff",
              "وصلتني الصورة، وهبعتها حالاً لزميل من خدمة العملاء يشوفها ويرد عليك 🙏",
              "وصلتني الصورة، وسأرسلها الآن إلى زميل من خدمة العملاء ليطلع عليها ويرد عليك.",
              "Wesletny el soura, w hab3atha l zamil mn khedmet el 3omala yeshofha w yerod 3aleik 🙏",
              "Got your photo; I''m passing it to a customer-service colleague who will look at it and reply 🙏"),
          t(
              "voiceAsk",
              "معلش مش بقدر أسمع الرسايل الصوتية 🙏 ممكن تكتبلي طلبك؟",
              "عذراً، لا يمكنني الاستماع إلى الرسائل الصوتية. هل يمكنك كتابة طلبك؟",
              "Ma3lesh msh ba2dar asma3 el voice notes 🙏 momken tektebly talabak?",
              "Sorry, I can''t listen to voice notes 🙏 Could you type your question?"),
          t(
              "voiceHandoff",
              "هحول رسايلك الصوتية لزميل يسمعها ويرد عليك في أقرب وقت 🙏",
              "سأحوّل رسائلك الصوتية إلى زميل ليستمع إليها ويرد عليك في أقرب وقت.",
              "Ha7awel el voice notes bta3tak l zamil yesma3ha w yerod 3aleik 🙏",
              "I''m passing your voice notes to a colleague who will listen and reply soon 🙏"),
          t(
              "locationThanks",
              "وصلني اللوكيشن 📍 تحب نوصّلك إيه؟ قولي اسم المنتج وأكملك الطلب.",
              "وصلني موقعك 📍 ماذا تريد أن نوصل إليك؟ أخبرني باسم المنتج وسأكمل لك الطلب.",
              "Weselny el location 📍 te7eb nwasallak eh? 2oly esm el montag w akamellak el talab.",
              "Got your location 📍 What would you like delivered? Tell me the product and I''ll complete the order."),
          t(
              "greeting",
              "أهلاً وسهلاً في متجر النيل! أنا {0} 😊 أقدر أساعدك إزاي؟",
              "مرحباً بك في متجر النيل، أنا {0}. كيف يمكنني مساعدتك؟",
              "Ahlan bik f Nile Store! Ana {0} 😊 a2dar asa3dak ezay?",
              "Hi, welcome to Nile Store! I''m {0} 😊 How can I help?"),
          t(
              "greetingNamed",
              "أهلاً يا {1} في متجر النيل! أنا {0} 😊 أقدر أساعدك إزاي؟",
              "مرحباً بك يا {1} في متجر النيل، أنا {0}. كيف يمكنني مساعدتك؟",
              "Ahlan ya {1} f Nile Store! Ana {0} 😊 a2dar asa3dak ezay?",
              "Hi {1}, welcome to Nile Store! I''m {0} 😊 How can I help?"),
          t(
              "price",
              "سعر {0}: {1} جنيه.",
              "سعر {0} هو {1} جنيه.",
              "{0} se3ro {1} geneh.",
              "The {0} is {1} EGP."),
          t(
              "catalogue",
              "دي عينة من منتجاتنا وأسعارها:",
              "هذه عينة من منتجاتنا وأسعارها:",
              "Di 3ayena mn montagatna w as3arha:",
              "Here is a sample of our products and prices:"),
          t(
              "catalogueAsk",
              "اسألني عن أي موديل وأقولك سعره 😊",
              "اسألني عن أي طراز وسأخبرك بسعره.",
              "Es2alny 3an ay model w a2olak se3ro 😊",
              "Ask me about any model and I''ll tell you its price 😊"),
          t(
              "sizeOnly",
              "{0} عندنا بـ {1} جيجا بس، بسعر {2} جنيه.",
              "{0} متوفر لدينا بسعة {1} جيجا فقط، بسعر {2} جنيه.",
              "{0} 3andena b {1} GB bas, b {2} geneh.",
              "We have the {0} in {1} GB only, at {2} EGP."),
          t(
              "sizeElsewhere",
              "الـ {0} جيجا عندنا في {1} بسعر {2} جنيه.",
              "وسعة {0} جيجا متوفرة في {1} بسعر {2} جنيه.",
              "El {0} GB 3andena f {1} b {2} geneh.",
              "{0} GB comes in the {1}, at {2} EGP."),
          t(
              "priceFollowUp",
              "تحب أعملك الطلب؟",
              "هل ترغب في إتمام الطلب؟",
              "te7eb atlobholak?",
              "Shall I order it for you?"),
          t(
              "availability",
              "{0} موجود عندنا في الكتالوج بسعر {1} جنيه، وهتأكدلك من المخزون في الفرع حالاً.",
              "{0} متاح في قائمتنا بسعر {1} جنيه، وسأتأكد لك من المخزون في الفرع حالاً.",
              "{0} mawgood 3andena b {1} geneh, w hat2akedlak mn el stock f el far3 7alan.",
              "The {0} is in our catalogue at {1} EGP; I''m checking branch stock for you now."),
          t(
              "whichOfThese",
              "تمام! تحب تطلب أنهي واحد فيهم؟",
              "حسناً! أي منها تود أن تطلب؟",
              "Tamam! 3ayez totlob anhy wa7da fehom?",
              "Sure! Which of them would you like to order?"),
          t(
              "whichProduct",
              "ممكن تقولي اسم المنتج أو الموديل بالظبط؟",
              "هل يمكنك ذكر اسم المنتج أو الطراز؟",
              "momken te2oly esm el montag aw el model bel zabt?",
              "Which product or model do you mean?"),
          t(
              "order",
              "تمام! {0} × {1} بإجمالي {2} جنيه. ابعتلي العنوان ورقم موبايل للتوصيل ونأكد الطلب 🛍️",
              "حسناً! {0} × {1} بإجمالي {2} جنيه. أرسل لي العنوان ورقم الهاتف للتوصيل لتأكيد الطلب.",
              "Tamam! {0} × {1} b egmaly {2} geneh. Ab3atly el 3enwan w rakam mobile lel tawsil w n2aked el order 🛍️",
              "Great! {0} × {1}, {2} EGP in total. Send me the delivery address and a phone number and I''ll confirm the order 🛍️"),
          t(
              "orderItems",
              "تمام! {0} بإجمالي {1} جنيه. ابعتلي العنوان ورقم موبايل للتوصيل ونأكد الطلب 🛍️",
              "حسناً! {0} بإجمالي {1} جنيه. أرسل لي العنوان ورقم الهاتف للتوصيل لتأكيد الطلب.",
              "Tamam! {0} b egmaly {1} geneh. Ab3atly el 3enwan w rakam mobile lel tawsil w n2aked el order 🛍️",
              "Great! {0}, {1} EGP in total. Send me the delivery address and a phone number and I''ll confirm the order 🛍️"),
          t(
              "orderWhat",
              "تمام، تحب تطلب إيه؟ ابعتلي اسم المنتج والكمية.",
              "حسناً، ما المنتج الذي تود طلبه وما الكمية؟",
              "Tamam, 3ayez totlob eh? Ab3atly esm el montag w el kamiya.",
              "Sure, what would you like to order? Send me the product and quantity."),
          t(
              "openNow",
              "أيوه، إحنا فاتحين دلوقتي لحد {0} 👍",
              "نعم، نحن مفتوحون الآن حتى {0}.",
              "Aywa, e7na fat7een delwa2ty l7ad {0} 👍",
              "Yes, we''re open now until {0} 👍"),
          t(
              "opensAt",
              "إحنا قافلين دلوقتي، وبنفتح {1} الساعة {0}.",
              "نحن مغلقون الآن، ونفتح {1} في تمام {0}.",
              "E7na 2aflin delwa2ty, w bnefta7 {1} el sa3a {0}.",
              "We''re closed right now; we open {1} at {0}."),
          t("today", "النهارده", "اليوم", "ennaharda", "today"),
          t("tomorrow", "بكرة", "غداً", "bokra", "tomorrow"),
          t("onSATURDAY", "يوم السبت", "يوم السبت", "yom el sabt", "on Saturday"),
          t("onSUNDAY", "يوم الأحد", "يوم الأحد", "yom el 7ad", "on Sunday"),
          t("onMONDAY", "يوم الاتنين", "يوم الاثنين", "yom el etnen", "on Monday"),
          t("onTUESDAY", "يوم التلات", "يوم الثلاثاء", "yom el talat", "on Tuesday"),
          t("onWEDNESDAY", "يوم الأربع", "يوم الأربعاء", "yom el arba3", "on Wednesday"),
          t("onTHURSDAY", "يوم الخميس", "يوم الخميس", "yom el 5amees", "on Thursday"),
          t("onFRIDAY", "يوم الجمعة", "يوم الجمعة", "yom el gom3a", "on Friday"),
          t("time_morning", "{0} الصبح", "{0} صباحاً", "{0} el sob7", "{0} am"),
          t("time_afternoon", "{0} الضهر", "{0} ظهراً", "{0} el dohr", "{0} pm"),
          t("time_evening", "{0} بالليل", "{0} مساءً", "{0} bel leil", "{0} pm"),
          t(
              "compareHead",
              "مقارنة سريعة بين {0}:",
              "مقارنة سريعة بين {0}:",
              "Mo2arna sare3a bein {0}:",
              "A quick comparison of {0}:"),
          t("compareAnd", " و", " و", " w ", " and "),
          t(
              "noSpecs",
              "ده اللي عندي عنه في الكتالوج: الاسم والسعر وأماكن توفره.",
              "هذا ما لدي عنه في الكتالوج: الاسم والسعر وأماكن توفره.",
              "Da elly 3andy 3anno fel catalogue: el esm wel se3r w fen mawgood.",
              "That is what our catalogue has on it: its name, price and where it is in stock."),
          t(
              "compareLine",
              "• {0}: {1} جنيه ({2})",
              "• {0}: {1} جنيه ({2})",
              "• {0}: {1} geneh ({2})",
              "• {0}: {1} EGP ({2})"),
          t(
              "compareCheaper",
              "{0} أرخص بـ {1} جنيه.",
              "{0} أقل سعراً بـ {1} جنيه.",
              "{0} arkhas b {1} geneh.",
              "The {0} is {1} EGP cheaper."),
          t(
              "compareFollowUp",
              "قولي بتستخدم الموبايل في إيه أكتر (تصوير، ألعاب، بطارية) وأرشحلك، أو تحب أعملك الطلب؟",
              "أخبرني بما يهمك أكثر (التصوير، الألعاب، البطارية) لأرشح لك، أو هل ترغب في إتمام الطلب؟",
              "2oly eh aham 7aga lek (taswer, al3ab, battery) w ana arasha7lak, aw te7eb atlobholak?",
              "Tell me what matters most to you (camera, gaming, battery) and I''ll suggest one, or shall I order one for you?"),
          t(
              "compareFollowUpOther",
              "تحب أعملك الطلب لأنهي واحد فيهم؟",
              "هل ترغب في طلب أحدهما؟",
              "Te7eb atlobholak wa7ed fehom?",
              "Shall I order one of them for you?"),
          t(
              "adviceHead",
              "أحسن موبايلات عندنا {0}:",
              "أفضل الهواتف لدينا {0}:",
              "A7san mobilat 3andena {0}:",
              "Our best phones {0}:"),
          t("useCamera", "للتصوير", "للتصوير", "lel taswer", "for the camera"),
          t("useGaming", "للألعاب", "للألعاب", "lel al3ab", "for gaming"),
          t("useBattery", "في البطارية", "من حيث البطارية", "f el battery", "for battery life"),
          t("useValue", "في السعر", "من حيث السعر", "f el se3r", "for the price"),
          t(
              "adviceFollowUp",
              "أرشحلك {0} {1}. تحب أعملك الطلب؟",
              "أرشح لك {0} {1}. هل ترغب في إتمام الطلب؟",
              "Arasha7lak {0} {1}. Te7eb atlobholak?",
              "I''d go for the {0} {1}. Shall I order it for you?"),
          t(
              "noBranchIn",
              "للأسف مفيش عندنا فرع في {0}.",
              "للأسف لا يوجد لدينا فرع في {0}.",
              "Lel asaf ma3andenash far3 f {0}.",
              "We don''t have a branch in {0}."),
          t(
              "nearestBranch",
              "أقرب فرع ليك: ",
              "أقرب فرع إليك: ",
              "A2rab far3 leek: ",
              "Your nearest branch: "),
          t(
              "deliveryToTown",
              "التوصيل {3} بـ {1} جنيه وبيوصل خلال {2} أيام.",
              "التوصيل إلى {0} بـ {1} جنيهاً ويصل خلال {2} أيام.",
              "El tawsil l {0} b {1} geneh w byewsal f {2} ayam.",
              "Delivery to {0} is {1} EGP and takes {2} days."),
          t(
              "freeDeliveryOver",
              "والتوصيل مجاني للطلبات فوق {0} جنيه.",
              "والتوصيل مجاني للطلبات التي تزيد على {0} جنيه.",
              "W el tawsil bbalash lel orders fo2 {0} geneh.",
              "Delivery is free on orders over {0} EGP."),
          t(
              "deliveryFreeFor",
              "طلب بـ {0} جنيه التوصيل بتاعه مجاني، لأن التوصيل مجاني للطلبات فوق {1} جنيه.",
              "الطلب بقيمة {0} جنيه توصيله مجاني، لأن التوصيل مجاني للطلبات التي تزيد على {1} جنيه.",
              "Order b {0} geneh el tawsil bta3o bbalash, 3ashan el tawsil bbalash lel orders fo2 {1} geneh.",
              "An order of {0} EGP is delivered free: delivery is free on orders over {1} EGP."),
          t(
              "deliveryNotFreeFor",
              "طلب بـ {0} جنيه التوصيل بتاعه مش مجاني: من {1} جنيه (القاهرة والجيزة) لحد {2} جنيه حسب المحافظة. التوصيل بيبقى مجاني للطلبات فوق {3} جنيه.",
              "الطلب بقيمة {0} جنيه توصيله غير مجاني: من {1} جنيه (القاهرة والجيزة) حتى {2} جنيه حسب المحافظة. التوصيل مجاني للطلبات التي تزيد على {3} جنيه.",
              "Order b {0} geneh el tawsil bta3o msh bbalash: mn {1} geneh (el Kahera w el Giza) l7ad {2} geneh 7asab el mo7afza. El tawsil bbalash lel orders fo2 {3} geneh.",
              "An order of {0} EGP is not delivered free: delivery is {1} EGP to Cairo and Giza, up to {2} EGP elsewhere. Delivery is free on orders over {3} EGP."),
          t(
              "instalmentTerm",
              "{0} على {1} شهور: {2} جنيه في الشهر، من غير فوايد ولا مقدم (السعر {3} جنيه).",
              "{0} على {1} أشهر: {2} جنيه شهرياً، بدون فوائد ولا دفعة مقدمة (السعر {3} جنيه).",
              "{0} 3ala {1} shohoor: {2} geneh fel shahr, mn gheir fawayed wala mo2adam (el se3r {3} geneh).",
              "The {0} over {1} months: {2} EGP a month, 0% interest and no down payment (price {3} EGP)."),
          t(
              "instalmentNoDownPayment",
              "مفيش مقدم: {0} ({1} جنيه) بيتقسط من غير فوايد ولا مقدم، يعني أول قسط بس، من {3} جنيه في الشهر على {2} شهر.",
              "لا توجد دفعة مقدمة: يُقسّط {0} ({1} جنيه) بدون فوائد ولا دفعة مقدمة، بدءاً من {3} جنيه شهرياً على {2} شهراً.",
              "Mafish mo2adam: {0} ({1} geneh) byet2aset mn gheir fawayed wala mo2adam, mn {3} geneh fel shahr 3ala {2} shahr.",
              "No down payment: the {0} ({1} EGP) is spread at 0% interest with no down payment, from {3} EGP a month over {2} months."),
          t(
              "codFits",
              "أيوه، {0} ({1} جنيه) ينفع تدفعه كاش عند الاستلام، لأن الكاش عند الاستلام لحد {2} جنيه.",
              "نعم، يمكنك دفع ثمن {0} ({1} جنيه) نقداً عند الاستلام، فالدفع عند الاستلام متاح حتى {2} جنيه.",
              "Aywa, {0} ({1} geneh) ynfa3 tedfa3o cash 3and el estelam, 3ashan el cash 3and el estelam l7ad {2} geneh.",
              "Yes, the {0} ({1} EGP) can be paid cash on delivery: cash on delivery is up to {2} EGP."),
          t(
              "codAboveLimit",
              "لأ، الكاش عند الاستلام لحد {2} جنيه بس، و{0} سعره {1} جنيه. ينفع تدفعه: فيزا أو ماستركارد أو ميزة بلينك دفع، إنستاباي، فودافون كاش، أو تقسيط من غير فوايد (من {3} جنيه في الشهر على ١٢ شهر).",
              "لا، الدفع نقداً عند الاستلام متاح حتى {2} جنيه فقط، وسعر {0} هو {1} جنيه. يمكنك الدفع: بفيزا أو ماستركارد أو ميزة عبر رابط دفع، أو إنستاباي، أو فودافون كاش، أو بالتقسيط بدون فوائد (من {3} جنيه شهرياً على ١٢ شهراً).",
              "La2, el cash 3and el estelam l7ad {2} geneh bas, w {0} se3ro {1} geneh. Tnfa3 tedfa3o: Visa aw Mastercard aw Meeza b link daf3, InstaPay, Vodafone Cash, aw ta2seet mn gheir fawayed (mn {3} geneh fel shahr 3ala 12 shahr).",
              "No: cash on delivery is up to {2} EGP, and the {0} is {1} EGP. You can pay for it by Visa, Mastercard or Meeza through a payment link, InstaPay, Vodafone Cash, or 0% instalments (from {3} EGP a month over 12 months)."),
          t(
              "fitsTheOneOnShow",
              "اللي ينفع مع {0}:",
              "ما يناسب {0}:",
              "Elly yenfa3 ma3 {0}:",
              "What works with the {0}:"),
          t(
              "instalmentHead",
              "قسط {0} ({1} جنيه) من غير فوايد ولا مقدم:",
              "أقساط {0} ({1} جنيه) بدون فوائد ولا دفعة مقدمة:",
              "2est {0} ({1} geneh) mn gheir fawayed wala mo2adam:",
              "Instalments for the {0} ({1} EGP), 0% interest and no down payment:"),
          t(
              "instalmentLine",
              "• {0} شهر: {1} جنيه في الشهر",
              "• {0} شهراً: {1} جنيه شهرياً",
              "• {0} shohoor: {1} geneh fel shahr",
              "• {0} months: {1} EGP a month"),
          t(
              "instalmentLineFew",
              "• {0} شهور: {1} جنيه في الشهر",
              "• {0} أشهر: {1} جنيه شهرياً",
              "• {0} shohoor: {1} geneh fel shahr",
              "• {0} months: {1} EGP a month"),
          t(
              "instalmentHowTo",
              "عشان تقسطه: اضغط «اطلب دلوقتي» واختار التقسيط وقت الدفع، وزميلنا يرتب معاك فاليو أو البنك والمدة.",
              "للتقسيط: اضغط «اطلب الآن» واختر التقسيط عند الدفع، وسيرتب معك أحد زملائنا فاليو أو البنك والمدة.",
              "3ashan te2aseto: edghat \"Otlob delwa2ty\" w e5tar el ta2seet w enta btedfa3, w zameelna yrattab ma3ak valU aw"
                  + " el bank w el modda.",
              "To pay in instalments: tap \"Order now\" and choose instalments at payment; a colleague arranges valU or the"
                  + " bank and the months with you."),
          t(
              "instalmentAgain",
              "تحب تطلبه دلوقتي وتختار التقسيط وقت الدفع، ولا أوصلك بزميل يساعدك؟",
              "هل تود طلبه الآن واختيار التقسيط عند الدفع، أم أحولك إلى أحد زملائنا؟",
              "Teheb totlobo delwa2ty w te5tar el ta2seet w enta btedfa3, wala awaslak b zameel?",
              "Would you like to order it now and choose instalments at payment, or shall I get you a colleague?"),
          t(
              "instalmentYes",
              "أيوه، {0} ينفع يتقسط 👍",
              "نعم، يمكن تقسيط {0} 👍",
              "Aywa, {0} ynfa3 yet2aset 👍",
              "Yes, the {0} can be paid in instalments 👍"),
          t(
              "instalmentNo",
              "لأ، {0} مينفعش يتقسط لوحده:",
              "لا، لا يمكن تقسيط {0} وحده:",
              "La2, {0} mayenfa3sh yet2aset lewa7do:",
              "No, the {0} can't be paid in instalments on its own:"),
          t(
              "instalmentBelowMinimum",
              "{0} سعره {1} جنيه، والتقسيط بيبدأ من طلبات {2} جنيه؛ ممكن تضيفه لطلب أكبر وتقسطهم مع بعض.",
              "سعر {0} هو {1} جنيه، والتقسيط متاح للطلبات من {2} جنيه؛ يمكنك إضافته إلى طلب أكبر وتقسيطهما معاً.",
              "{0} se3ro {1} geneh, w el ta2seet byebda2 mn talabat {2} geneh; momken tedifo l talab akbar.",
              "The {0} is {1} EGP; instalments start from orders of {2} EGP, so you can add it to a bigger order and spread both."),
          t(
              "bigDeal",
              "طلب كبير، يسعدنا جداً! هحولك لزميل من المبيعات يظبطلك أحسن عرض.",
              "طلب كبير يسعدنا! سأحولك إلى زميل من المبيعات ليقدم لك أفضل عرض.",
              "Order kbeer, yes3edna gedan! Hawaslak b zameel mn el sales yezbotlak a7san 3ard.",
              "A big order, thank you! I''m handing you to a sales colleague for the best offer."),
          t(
              "bigDealOne",
              "{0} سعره {1} جنيه 👌 بلّغت زميل من المبيعات يظبطلك أحسن عرض عليه.",
              "سعر {0} هو {1} جنيه 👌 أبلغتُ زميلاً من المبيعات ليقدّم لك أفضل عرض عليه.",
              "{0} se3ro {1} geneh 👌 ballaght zameel mn el sales yezbotlak a7san 3ard 3aleh.",
              "The {0} is {1} EGP 👌 I''ve let a sales colleague know, to get you the best offer on it."),
          t(
              "bigDealFew",
              "{0} بإجمالي {1} جنيه 👌 بلّغت زميل من المبيعات يظبطلك أحسن عرض عليهم.",
              "{0} بإجمالي {1} جنيه 👌 أبلغتُ زميلاً من المبيعات ليقدّم لك أفضل عرض عليها.",
              "{0} b egmaly {1} geneh 👌 ballaght zameel mn el sales yezbotlak a7san 3ard 3aleehom.",
              "The {0} come to {1} EGP 👌 I''ve let a sales colleague know, to get you the best offer on them."),
          t(
              "bookingNew",
              "تمام، نحجزلك ميعاد صيانة{0}. تحب في أنهي فرع؟",
              "حسناً، سنحجز لك موعد صيانة{0}. في أي فرع تفضل؟",
              "Tamam, ne7gezlak me3ad seyana{0}. Te7eb f anhy far3?",
              "Sure, let''s book you a repair slot{0}. Which branch suits you?"),
          t(
              "bookingChange",
              "تمام، هغيرلك ميعاد الحجز{0}{1}. ابعتلي الميعاد الجديد اللي يناسبك لو محددتوش.",
              "حسناً، سأغير موعد حجزك{0}{1}. أرسل الموعد الجديد المناسب إن لم تحدده.",
              "Tamam, ha8ayarlak me3ad el 7agz{0}{1}. Ab3atly el me3ad el gedid law mal2oltosh.",
              "Sure, I''ll move your booking{0}{1}. Tell me the new time if you haven''t yet."),
          t(
              "bookingCancel",
              "تمام، هلغيلك الحجز{0}. تأكد الإلغاء؟",
              "حسناً، سألغي حجزك{0}. هل تؤكد الإلغاء؟",
              "Tamam, hal8y el 7agz{0}. T2aked el el8a2?",
              "OK, I''ll cancel your booking{0}. Confirm the cancellation?"),
          t(
              "orderCancelConfirm",
              "تلغي الطلب {0}؟ أكدلي.",
              "هل تريد إلغاء الطلب {0}؟ أكّد من فضلك.",
              "Tlghy el order {0}? Akkedly.",
              "Cancel order {0}? Please confirm."),
          t(
              "bookingRef",
              "ابعتلي رقم الحجز (زي BK-1234) لو معاك.",
              "أرسل رقم الحجز (مثل BK-1234) إن وُجد.",
              "Ab3atly rakam el 7agz (zay BK-1234) law ma3ak.",
              "Send me the booking number (like BK-1234) if you have it."),
          t(
              "orderStatus",
              "ثواني أشوفلك الطلب {0} وأرد عليك بمكانه بالظبط 🚚",
              "لحظات وسأتحقق من الطلب {0} وأخبرك بحالته 🚚",
              "Sawany ashoflak el order {0} w arod 3aleik 🚚",
              "One moment, I''m checking order {0} for you 🚚"),
          t(
              "orderStatusAsk",
              "ابعتلي رقم الطلب (زي ORD-12345) وأقولك هو فين بالظبط 🚚",
              "أرسل رقم الطلب (مثل ORD-12345) وسأخبرك بحالته 🚚",
              "Ab3atly rakam el order (zay ORD-12345) w a2olak howa fen 🚚",
              "Send me your order number (like ORD-12345) and I''ll tell you where it is 🚚"),
          t(
              "complaint",
              "آسفين جداً على اللي حصل 🙏 هحولك حالاً لزميل من خدمة العملاء يحللك المشكلة.",
              "نعتذر بشدة عما حدث 🙏 سأحولك فوراً إلى زميل من خدمة العملاء لحل المشكلة.",
              "Asfeen gedan 3ala elly 7asal 🙏 hawaslak 7alan b zameel mn customer service ye7elelak el moshkela.",
              "I''m really sorry about this 🙏 I''m handing you to a customer-service colleague right now to sort it out."),
          t(
              "human",
              "حاضر، هحولك لزميل من فريقنا وهيرد عليك في أقرب وقت 🙏",
              "بالتأكيد، سأحولك إلى أحد زملائي وسيرد عليك قريباً 🙏",
              "7ader, hawaslak b zameel mn el team w hayrod 3aleik f a2rab wa2t 🙏",
              "Of course, I''m connecting you with a colleague who will reply shortly 🙏"),
          t(
              "personFollowUp",
              "حاضر 🙏 هبلّغ {0} حالاً عشان تتم المتابعة معاك.",
              "بالتأكيد 🙏 سأبلغ {0} فوراً لتتم متابعة طلبك معك.",
              "7ader 🙏 hab2allagh {0} 7alan 3ashan tetabe3 ma3ak.",
              "Of course 🙏 I''m passing this to {0} right away to follow up with you."),
          t(
              "personFollowUpUnnamed",
              "حاضر 🙏 هبلّغ الزميل اللي رد عليك حالاً عشان تتم المتابعة معاك.",
              "بالتأكيد 🙏 سأبلغ الزميل الذي تواصل معك فوراً لتتم متابعة طلبك معك.",
              "7ader 🙏 hab2allagh el zameel elly rad 3aleik 7alan 3ashan yetabe3 ma3ak.",
              "Of course 🙏 I''m passing this to the colleague who answered you, right away, to follow up with you."),
          t(
              "orderChange",
              "تعديل الطلب بيعمله زميل من فريق الطلبات: هبلّغه بطلبك وهيكلمك يأكدهولك 🙏",
              "تعديل الطلب يقوم به زميل من فريق الطلبات: سأبلغه بطلبك وسيتواصل معك لتأكيده 🙏",
              "Ta3deel el order by3melo zameel mn team el orders: hab2allaghoh w hayekallemak ye2akkedholak 🙏",
              "A colleague from the orders team makes changes to an order: I''ll pass your request on and"
                  + " they''ll confirm it with you 🙏"),
          t(
              "handoffNote",
              "هحولك لزميل من فريقنا يكمل معاك.",
              "سأحولك إلى زميل ليكمل معك.",
              "Hawaslak b zameel yekammel ma3ak.",
              "I''m handing you to a colleague who will take it from here."),
          t(
              "thanks",
              "العفو! لو احتجت أي حاجة أنا موجودة 😊",
              "العفو! أنا في خدمتك دائماً 😊",
              "El 3afw! Law e7tagt ay 7aga ana mawgoda 😊",
              "You''re welcome! I''m here whenever you need anything 😊"),
          t(
              "offers",
              "مفيش عندي عروض أو خصومات معلنة دلوقتي، والأسعار اللي بقولهالك هي الأسعار الحالية. لو عايز تعرف سعر منتج معين قولّي اسمه 😊"
                  + " ولو تحب توصلك عروضنا أول ما تنزل، ابعتلي كلمة «اشتراك» 🔔",
              "لا توجد لدي عروض أو خصومات معلنة حالياً، والأسعار التي أذكرها هي الأسعار الحالية. إذا أردت سعر منتج معين فأخبرني باسمه."
                  + " وإن رغبت في أن تصلك عروضنا فور إعلانها فأرسل كلمة «اشتراك» 🔔",
              "Mafeesh 3andy 3orood aw 5osomat mo3lana delwa2ty, w el as3ar elly ba2olhalak heya el as3ar el 7aleya. Law 3ayez se3r montag mo3ayan 2oly esmo 😊"
                  + " W law 3ayez 3oroodna tewsalak awel ma tenzel, ab3atly START 🔔",
              "There are no offers or discounts announced right now; the prices I give are the current ones. Tell me a product's name and I'll give you its price 😊"
                  + " If you'd like our offers as soon as they're out, send START 🔔"),
          t(
              "offersSubscribed",
              "إنت مشترك في عروضنا، فأي عرض جديد هيوصلك هنا أول ما ينزل 🔔 ومفيش عرض معلن دلوقتي غير اللي وصلك، والأسعار اللي بقولهالك هي الأسعار الحالية. لو عايز سعر منتج معين قولّي اسمه 😊",
              "أنت مشترك في عروضنا، وسيصلك أي عرض جديد هنا فور إعلانه 🔔 ولا يوجد عرض معلن حالياً غير ما وصلك، والأسعار التي أذكرها هي الأسعار الحالية. إذا أردت سعر منتج معين فأخبرني باسمه.",
              "Enta moshtrek f 3oroodna, fa ay 3ard gedid hayewsalak hena awel ma yenzel 🔔 W mafeesh 3ard mo3lan delwa2ty gher elly wesolak, w el as3ar elly ba2olhalak heya el as3ar el 7aleya. Law 3ayez se3r montag mo3ayan 2oly esmo 😊",
              "You''re subscribed to our offers, so every new one reaches you here as soon as it''s announced 🔔 There is no other offer on right now, and the prices I give are the current ones. Tell me a product''s name and I''ll give you its price 😊"),
          t(
              "newArrivals",
              "ده اللي عندنا دلوقتي بأسعاره 🛍️",
              "هذه منتجاتنا المتوفرة الآن بأسعارها 🛍️",
              "Da elly 3andena delwa2ty b as3aro 🛍️",
              "Here''s what we have right now, with prices 🛍️"),
          t(
              "notInPlaybook",
              "للأسف معنديش معلومة عن ده هنا 🙏 أقدر أساعدك في أسعار المنتجات والطلبات والتوصيل والصيانة والدفع والتقسيط.",
              "للأسف لا تتوفر لدي معلومات عن ذلك هنا 🙏 يمكنني مساعدتك في أسعار المنتجات والطلبات والتوصيل والصيانة والدفع والتقسيط.",
              "Lel asaf ma3andish ma3loma 3an da hena 🙏 A2dar asa3dak f as3ar el montagat w el orders w el tawseel w el seyana w el daf3 w el ta2seet.",
              "Sorry, I don''t have information about that here 🙏 I can help with product prices, orders, delivery, repairs, payment and instalments."),
          t(
              "optOutOfOffers",
              "حاضر 🙏 عشان رسايل العروض متوصلكش تاني، ابعت كلمة «إلغاء» لوحدها في رسالة.",
              "بكل تأكيد 🙏 حتى لا تصلك رسائل العروض مرة أخرى، أرسل كلمة «إلغاء» وحدها في رسالة.",
              "7ader 🙏 3ashan resayel el 3orood matewsalaksh tany, ebaat kelmet STOP lwa7daha f resala.",
              "Of course 🙏 To stop our offer messages, send the word STOP on its own."),
          t(
              "consentNoted",
              "تمام، شكراً لموافقتك 🙏 نكمّل؟ قولّي محتاج إيه.",
              "شكراً لموافقتك 🙏 كيف يمكنني مساعدتك الآن؟",
              "Tamam, shokran 3ala mowaf2tak 🙏 Nekammel? 2oly me7tag eh.",
              "Thank you for agreeing 🙏 How can I help you next?"),
          t(
              "howToStop",
              "ولو مش عايز رسايل العروض توصلك تاني، ابعت كلمة «إلغاء» لوحدها في رسالة.",
              "وإن لم ترغب في أن تصلك رسائل العروض، فأرسل كلمة «إلغاء» وحدها في رسالة.",
              "W law mesh 3ayez resayel el 3orood tewsalak tany, ebaat kelmet STOP lwa7daha f resala.",
              "And if you''d rather not get our offers any more, send the word STOP on its own."),
          t(
              "dontKnow",
              "للأسف مش عندي معلومة أكيدة عن ده، ومش عايزة أقولك حاجة غلط. هحولك لزميل يرد عليك.",
              "عذراً، ليست لدي معلومة مؤكدة عن ذلك. سأحولك إلى زميل ليجيبك.",
              "Lel asaf msh 3andy ma3loma akeda 3an da. Hawaslak b zameel yrod 3aleik.",
              "Sorry, I don''t know that for sure and I''d rather not guess. Let me get a colleague for you."),
          t(
              "menu",
              "مش متأكدة إني فهمتك. أقدر أساعدك في دول:",
              "لم أفهم طلبك تماماً. يمكنني مساعدتك في ما يلي:",
              "msh mot2akeda enny fehmtak. a2dar asa3dak f dol:",
              "I''m not sure I got that. I can help with these:"),
          t(
              "didntGet",
              "معلش مفهمتش رسالتك كويس 🙏 ممكن تكتبهالي تاني باختصار؟",
              "عذراً، لم أفهم رسالتك جيداً. هل يمكنك إعادة كتابتها باختصار؟",
              "Ma3lesh mafhemtesh resaltak kwayes 🙏 momken tektebhaly tany bekhtesar?",
              "Sorry, I didn''t quite get that 🙏 Could you write it again in a few words?"),
          t(
              "notSold",
              "للأسف مش بنبيع {0} 🙏 عندنا موبايلات وسماعات وساعات ذكية وشواحن وباور بانك وإكسسوارات. تحب أقولك على حاجة منهم؟",
              "عذراً، لا نبيع {0}. لدينا هواتف وسماعات وساعات ذكية وشواحن وبطاريات متنقلة وإكسسوارات. هل تود معرفة شيء منها؟",
              "Lel asaf msh bnbe3 {0} 🙏 3andena mobilat w sama3at w sa3at smart w chargers w power banks w accessories. Te7eb a2olak 3ala 7aga menhom?",
              "Sorry, we don''t sell {0} 🙏 We have phones, earphones and speakers, smartwatches, chargers, power banks and accessories. Shall I show you some?"),
          t(
              "notRepaired",
              "للأسف مبنصلحش {0} 🙏 مركز الصيانة عندنا للموبايلات بس:",
              "عذراً، لا نقوم بصيانة {0}؛ مركز الصيانة لدينا للهواتف فقط:",
              "Lel asaf msh bnsala7 {0} 🙏 markaz el seyana 3andena lel mobilat bas:",
              "Sorry, we don''t repair {0} 🙏 Our repair centre works on phones only:"),
          t(
              "deliveryEgyptOnly",
              "بنوصل جوه مصر بس، مبنشحنش برا مصر 🙏",
              "نوصل داخل مصر فقط، ولا نشحن إلى خارجها.",
              "Bnwasal gowa masr bas, msh bnsha7an bara masr 🙏",
              "We deliver within Egypt only; we don''t ship abroad 🙏"),
          t(
              "notSoldNearest",
              "للأسف مش بنبيع {0} 🙏 أقرب حاجة ليها عندنا:",
              "عذراً، لا نبيع {0}. أقرب ما لدينا إليها:",
              "Lel asaf msh bnbe3 {0} 🙏 A2rab 7aga leeha 3andena:",
              "Sorry, we don''t sell {0} 🙏 The closest we have:"),
          t(
              "belowTheCheapest",
              "للأسف مفيش عندنا حاجة من النوع ده في حدود {0} جنيه 🙏 أرخص اللي عندنا:",
              "للأسف لا يوجد لدينا شيء من هذا النوع في حدود {0} جنيه. أرخص ما لدينا:",
              "Lel asaf mafeesh 3andena 7aga mn el no3 da f 7dod {0} geneh 🙏 Arkhas 7aga 3andena:",
              "Sorry, we have nothing of that kind within {0} EGP 🙏 The cheapest we have:"),
          t(
              "modelNotSoldCompare",
              "{0} مش موجود عندنا 🙏 فهقارنلك بأقرب موديل عندنا ليه، {1}.",
              "{0} غير متوفر لدينا، لذا سأقارن لك بأقرب طراز متوفر لدينا، {1}.",
              "El {0} msh 3andena 🙏 fa ha2arenlak b a2rab model 3andena, el {1}.",
              "We don''t sell the {0} 🙏 so here it is beside the closest model we have, the {1}."),
          t(
              "modelNotSold",
              "للأسف {0} مش موجود عندنا 🙏 أقرب حاجة ليه عندنا:",
              "عذراً، {0} غير متوفر لدينا. أقرب ما لدينا إليه:",
              "Lel asaf el {0} msh 3andena 🙏 A2rab 7aga leeh 3andena:",
              "Sorry, we don''t have the {0} 🙏 The closest we have:"),
          t(
              "notSoldNearestAsk",
              "تحب أقولك متوفر فين، أو تطلب واحد منهم؟",
              "هل تود معرفة أين يتوفر، أو طلب أحدها؟",
              "Te7eb a2olak metwaffar fen, aw totlob wa7ed menhom?",
              "Shall I tell you where it''s in stock, or would you like to order one?"),
          t(
              "soldOutNow",
              "للأسف {0} خلص عندنا دلوقتي في الفرعين (سعره {1} جنيه).",
              "للأسف نفد {0} حالياً من الفرعين (سعره {1} جنيه).",
              "Lel asaf {0} 5eles 3andena delwa2ty f el far3een (se3ro {1} geneh).",
              "Sorry, the {0} is out of stock right now in both branches ({1} EGP)."),
          t(
              "soldOutNearest",
              "الأقرب ليه ومتوفر دلوقتي:",
              "أقرب البدائل المتوفرة الآن:",
              "El a2rab leh w metwaffar delwa2ty:",
              "The nearest ones we have in stock:"),
          t(
              "cheaperThan",
              "أرخص من {0}:",
              "خيارات أقل سعراً من {0}:",
              "Ar5as mn {0}:",
              "Cheaper than the {0}:"),
          t(
              "cheapest",
              "{0} هو أرخص اختيار عندنا من النوع ده.",
              "{0} هو الخيار الأقل سعراً لدينا من هذا النوع.",
              "{0} howa ar5as e5tyar 3andena mn el no3 da.",
              "The {0} is already our cheapest of its kind."),
          t(
              "biggestPowerBank",
              "أكبر باور بانك عندنا هو {0}، سعته {1} مللي أمبير، ومفيش عندنا سعة أكبر منه (زي ٢٠ ألف) دلوقتي. سعره {2} جنيه.",
              "أكبر باور بانك لدينا هو {0} بسعة {1} مللي أمبير، ولا تتوفر لدينا سعة أكبر منه (مثل ٢٠ ألف) حالياً. سعره {2} جنيه.",
              "Akbar power bank 3andena howa el {0}, se3to {1} mAh, w mafeesh 3andena se3a akbar menno (zay 20 alf) delwa2ty. Se3ro {2} geneh.",
              "The biggest power bank we have is the {0}, {1} mAh; we don''t carry a bigger one (such as 20,000 mAh) at the moment. It costs {2} EGP."),
          t(
              "biggerThan",
              "أكبر من {0}:",
              "خيارات بسعة أكبر من {0}:",
              "Akbar mn el {0}:",
              "Bigger than the {0}:"),
          t(
              "orderWhich",
              "تحب أطلبلك {0}؟",
              "هل تود أن أطلب لك {0}؟",
              "Te7eb atlobhalak el {0}?",
              "Shall I order the {0} for you?"),
          t(
              "repairNotListed",
              "مفيش سعر ثابت عندنا لتغيير أو تصليح {0} 🙏 مركز الصيانة بيحدد التكلفة بعد فحص مجاني في الفرع. تحب أحجزلك ميعاد فحص مجاني؟",
              "لا يوجد لدينا سعر ثابت لإصلاح {0}، إذ يحدد مركز الصيانة التكلفة بعد فحص مجاني في الفرع. هل تود أن أحجز لك موعد فحص مجاني؟",
              "Mafeesh se3r sabet 3andena l tasle7 {0} 🙏 markaz el seyana by7aded el taklefa ba3d fa7s bbalash f el far3. Te7eb a7gezlak me3ad fa7s bbalash?",
              "We have no fixed price for repairing the {0} 🙏 the repair centre quotes it after a free check-up at the branch. Shall I book you a free check-up?"),
          t(
              "optFreeCheckup",
              "احجز فحص مجاني",
              "احجز فحصاً مجانياً",
              "E7gez fa7s bbalash",
              "Book a check-up"),
          t("passageLead", "", "", "Elly 3andena: ", ""),
          t(
              "paymentReceived",
              "تمام، ابعتلنا صورة الإيصال هنا ونأكد الدفع خلال ساعة.",
              "حسناً، أرسل صورة الإيصال هنا وسنؤكد الدفع خلال ساعة.",
              "Tamam, ab3atlna sorat el e2sal hena w n2aked el daf3 khelal sa3a.",
              "Great, send the receipt here and we''ll confirm the payment within an hour."),
          t(
              "receiptReceived",
              "وصلني الإيصال، شكراً 🙏 هبعته لزميل يراجع الدفع ويأكدلك.",
              "وصلني الإيصال، شكراً لك 🙏 سأحوله إلى أحد زملائي ليراجع الدفع ويؤكده لك.",
              "Weselni el e2sal, shokran 🙏 hab3ato l zameel yeraga3 el daf3 w y2akedlak.",
              "Got your receipt, thank you 🙏 I'm passing it to a colleague to check the payment and"
                  + " confirm it."),
          t(
              "optProducts",
              "المنتجات والأسعار",
              "المنتجات والأسعار",
              "El montagat",
              "Products & prices"),
          t("optOrderStatus", "طلبي فين؟", "حالة طلبي", "El order fen?", "Track my order"),
          t(
              "ownedFaultNext",
              "نقدر نفحصهولك: احجز ميعاد صيانة في أقرب فرع (الفحص مجاني)، أو دوس \"كلم موظف\" وأحولك لزميل.",
              "يمكننا فحصه: احجز موعد صيانة في أقرب فرع (الفحص مجاني)، أو اختر \"التحدث لموظف\" لأحولك إلى أحد زملائي.",
              "Momken nefhaso: e7gez mi3ad seyana f a2rab far3 (el fa7s bbalash), aw dos \"Akalem 7ad\" w a7awlak l zameel.",
              "We can check it: book a repair slot at your nearest branch (the check-up is free), or tap"
                  + " \"Talk to a person\" and I''ll get you a colleague."),
          t("optHuman", "كلم موظف", "التحدث لموظف", "Akalem 7ad", "Talk to a person"),
          t("optOrder", "اطلب دلوقتي", "اطلب الآن", "Otlob delwa2ty", "Order now"),
          t("optBooking", "حجز صيانة", "حجز صيانة", "A7gez seyana", "Book a repair"),
          t("optBranchCairo", "فرع القاهرة", "فرع القاهرة", "Far3 el Kahera", "Cairo branch"),
          t(
              "optBranchAlex",
              "فرع إسكندرية",
              "فرع الإسكندرية",
              "Far3 Eskendereya",
              "Alexandria branch"),
          t("optConfirm", "أيوه، أكد", "نعم، أكّد", "Aywa, akked", "Yes, confirm"),
          t("optKeep", "لأ، سيبه", "لا، أبقِه", "La2, sebo", "No, keep it"),
          t("optPaymentLink", "لينك دفع", "رابط الدفع", "Link daf3", "Payment link"),
          t("listButton", "اختار", "اختر", "E5tar", "Choose"),
          t("onDate", " يوم {0}", " في {0}", " {0}", " for {0}"),
          t("refFor", " رقم {0}", " رقم {0}", " rakam {0}", " {0}"),
          t("toDate", " لـ {0}", " إلى {0}", " l {0}", " to {0}"));

  /**
   * The texts that address a woman differently, for a customer whose own words are feminine ({@code
   * nlp/FeminineWords}): the Egyptian and Arabizi forms (MSA and English texts need none). A key
   * without one here reads the same to everyone.
   */
  private static final Map<String, String[]> FEMININE =
      Map.ofEntries(
          Map.entry(
              "greeting",
              new String[] {
                "أهلاً بيكي في متجر النيل! أنا {0} 😊 أقدر أساعدك إزاي؟",
                "Ahlan biki f Nile Store! Ana {0} 😊 a2dar asa3dek ezay?"
              }),
          Map.entry(
              "greetingNamed",
              new String[] {
                "أهلاً يا {1} في متجر النيل! أنا {0} 😊 أقدر أساعدك إزاي؟",
                "Ahlan ya {1} f Nile Store! Ana {0} 😊 a2dar asa3dek ezay?"
              }),
          Map.entry("priceFollowUp", new String[] {"تحبي أعملك الطلب؟", "te7ebi atlobholek?"}),
          Map.entry(
              "orderWhat",
              new String[] {
                "تمام، تحبي تطلبي إيه؟ ابعتيلي اسم المنتج والكمية.",
                "Tamam, 3ayza totlobi eh? Ab3atily esm el montag w el kamiya."
              }),
          Map.entry(
              "human",
              new String[] {
                "حاضر، هحولك لزميل من فريقنا وهيرد عليكي في أقرب وقت 🙏",
                "7ader, hawaslek b zameel mn el team w hayrod 3aleki f a2rab wa2t 🙏"
              }),
          Map.entry(
              "handoffNote",
              new String[] {
                "هحولك لزميل من فريقنا يكمل معاكي.", "Hawaslek b zameel yekammel ma3aki."
              }),
          Map.entry(
              "personFollowUp",
              new String[] {
                "حاضر 🙏 هبلّغ {0} حالاً عشان تتم المتابعة معاكي.",
                "7ader 🙏 hab2allagh {0} 7alan 3ashan tetabe3 ma3aki."
              }),
          Map.entry(
              "personFollowUpUnnamed",
              new String[] {
                "حاضر 🙏 هبلّغ الزميل اللي رد عليكي حالاً عشان تتم المتابعة معاكي.",
                "7ader 🙏 hab2allagh el zameel elly rad 3aleki 7alan 3ashan yetabe3 ma3aki."
              }));

  private ReplyTexts() {}

  /**
   * The sentence for the key, in its feminine address when {@code feminine} and the key has one in
   * Egyptian or Arabizi ({@link #FEMININE}), else as {@link #get(String, Language, Object...)}.
   */
  static String getTo(String key, Language language, boolean feminine, Object... args) {
    String[] forms = feminine ? FEMININE.get(key) : null;
    if (forms == null || language == Language.AR || language == Language.EN) {
      return get(key, language, args);
    }
    String pattern = forms[language == Language.ARABIZI ? 1 : 0];
    return args.length == 0
        ? pattern
        : new java.text.MessageFormat(pattern.replace("'", "''"), java.util.Locale.ROOT)
            .format(args);
  }

  /**
   * The words by which a reply addresses the customer in the masculine, with their feminine, in
   * Egyptian ("تحب" → "تحبي"), MSA ("ترغب" → "ترغبين") and Arabizi ("te7eb" → "te7ebi"): for a
   * customer who wrote of herself in the feminine, every sentence addressed to her (a passage of
   * the playbook as well as these texts). Nour's own words (she is a woman: "متأكدة") and words
   * that read the same to both are left alone.
   */
  private static final Map<String, String> TO_A_WOMAN_EGYPTIAN =
      Map.ofEntries(
          Map.entry("تحب", "تحبي"),
          Map.entry("عايز", "عايزة"),
          Map.entry("عاوز", "عاوزة"),
          Map.entry("تطلب", "تطلبي"),
          Map.entry("تعرف", "تعرفي"),
          Map.entry("قولي", "قوليلي"),
          Map.entry("قولّي", "قوليلي"),
          Map.entry("تقولي", "تقوليلي"),
          Map.entry("ابعتلي", "ابعتيلي"),
          Map.entry("ابعت", "ابعتي"),
          Map.entry("إنت", "إنتي"),
          Map.entry("انت", "انتي"),
          Map.entry("مشترك", "مشتركة"),
          Map.entry("عليك", "عليكي"),
          Map.entry("ليك", "ليكي"),
          Map.entry("معاك", "معاكي"),
          Map.entry("بيك", "بيكي"),
          Map.entry("بتدور", "بتدوري"),
          Map.entry("بتستخدم", "بتستخدمي"),
          Map.entry("تكتبهالي", "تكتبيهالي"),
          Map.entry("احتجت", "احتجتي"));

  private static final Map<String, String> TO_A_WOMAN_MSA =
      Map.ofEntries(
          Map.entry("ترغب", "ترغبين"),
          Map.entry("تود", "تودين"),
          Map.entry("تريد", "تريدين"),
          Map.entry("تفضل", "تفضلين"),
          Map.entry("أخبرني", "أخبريني"),
          Map.entry("أرسل", "أرسلي"),
          Map.entry("فأرسل", "فأرسلي"),
          Map.entry("فأخبرني", "فأخبريني"),
          Map.entry("أنت", "أنتِ"),
          Map.entry("مشترك", "مشتركة"),
          Map.entry("يمكنك", "يمكنكِ"));

  private static final Map<String, String> TO_A_WOMAN_ARABIZI =
      Map.ofEntries(
          Map.entry("te7eb", "te7ebi"),
          Map.entry("3ayez", "3ayza"),
          Map.entry("totlob", "totlobi"),
          Map.entry("2oly", "2oolily"),
          Map.entry("te2oly", "te2oolily"),
          Map.entry("ab3atly", "ab3atily"),
          Map.entry("ebaat", "eb3aty"),
          Map.entry("enta", "enty"),
          Map.entry("moshtrek", "moshtreka"),
          Map.entry("3aleik", "3aleiki"),
          Map.entry("3aleek", "3aleeki"),
          Map.entry("lek", "leki"),
          Map.entry("leek", "leeki"),
          Map.entry("ma3ak", "ma3aki"),
          Map.entry("asa3dak", "asa3dek"),
          Map.entry("atlobholak", "atlobholek"),
          Map.entry("arasha7lak", "arasha7lek"),
          Map.entry("a2olak", "a2olek"),
          Map.entry("fehmtak", "fehmtek"),
          Map.entry("resaltak", "resaltek"),
          Map.entry("tektebhaly", "tektebihaly"),
          Map.entry("nwasallak", "nwasallek"),
          Map.entry("akamellak", "akamellek"),
          Map.entry("ne7gezlak", "ne7gezlek"),
          Map.entry("hawaslak", "hawaslek"),
          Map.entry("yezbotlak", "yezbotlek"),
          Map.entry("tewsalak", "tewsalek"),
          Map.entry("wesolak", "wesolek"),
          Map.entry("ba2olhalak", "ba2olhalek"),
          Map.entry("bta3tak", "bta3tek"),
          Map.entry("e7tagt", "e7tagty"),
          Map.entry("hat2akedlak", "hat2akedlek"));

  private static final Pattern ARABIC_WORD = Pattern.compile("[\\p{IsArabic}ّ]+");
  private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z0-9]+");

  /**
   * The text addressed to a woman: each word by which it addresses the customer in the masculine
   * ({@link #TO_A_WOMAN_EGYPTIAN}, {@link #TO_A_WOMAN_MSA}, {@link #TO_A_WOMAN_ARABIZI}) in its
   * feminine; English, and words already feminine, unchanged.
   */
  static String toAWoman(String text, Language language) {
    if (text == null || language == Language.EN) {
      return text;
    }
    Map<String, String> words =
        switch (language) {
          case ARABIZI -> TO_A_WOMAN_ARABIZI;
          case AR -> TO_A_WOMAN_MSA;
          default -> TO_A_WOMAN_EGYPTIAN;
        };
    Pattern word = language == Language.ARABIZI ? LATIN_WORD : ARABIC_WORD;
    java.util.regex.Matcher m = word.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String w = m.group();
      String lower = language == Language.ARABIZI ? w.toLowerCase(java.util.Locale.ROOT) : w;
      String to = words.get(lower);
      if (to != null && language == Language.ARABIZI && Character.isUpperCase(w.charAt(0))) {
        to = Character.toUpperCase(to.charAt(0)) + to.substring(1);
      }
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(to == null ? w : to));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static Map.Entry<String, String[]> t(
      String key, String egyptian, String msa, String arabizi, String english) {
    return Map.entry(key, new String[] {egyptian, msa, arabizi, english});
  }

  /**
   * The sentence for the key in the reply language (mixed is resolved by the caller), with its
   * arguments.
   */
  static String get(String key, Language language, Object... args) {
    String[] forms = TEXTS.get(key);
    if (forms == null) {
      throw new IllegalArgumentException("no reply text " + key);
    }
    String pattern =
        forms[
            switch (language) {
              case AR -> 1;
              case ARABIZI -> 2;
              case EN -> 3;
              default -> 0;
            }];
    if (args.length == 0) {
      return pattern.replace("''", "'");
    }
    return new java.text.MessageFormat(pattern, java.util.Locale.ROOT).format(args);
  }
}
