"""First-draft translations of what the demo's organizer and analyst wrote for the public:
the report's title and introduction, the theme names and "what we heard" statements, the
resolution clauses the themes are linked to, and the action plan's goals, actions,
departments and progress notes, in the eight languages besides English.

They are *drafts* written for the demo, not reviewed by a native speaker: they are stored
with ``origin="draft"``, so the translation workspace shows each as "Draft awaiting review"
until a translator checks it (translations/README.md says so too). The report published by
the demo freezes them, so its public pages read fully in every language.
"""
from ..services.content import translations
from . import plan_texts

LANGS = ("es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so")

# Joining several departments, per language.
SEPARATORS = {"zh-Hans": "；", "ar": "؛ "}

# Department names, one by one: a field naming several is translated name by name.
DEPARTMENTS = {
    "Public Works": {
        "es": "Obras Públicas",
        "zh-Hans": "公共工程局",
        "vi": "Sở Công chánh",
        "tl": "Pampublikong Gawain",
        "ru": "Управление общественных работ",
        "ar": "إدارة الأشغال العامة",
        "hmn": "Chaw Ua Haujlwm Pej Xeem",
        "so": "Hawlaha Guud",
    },
    "Transportation": {
        "es": "Transporte",
        "zh-Hans": "交通局",
        "vi": "Sở Giao thông",
        "tl": "Transportasyon",
        "ru": "Управление транспорта",
        "ar": "إدارة النقل",
        "hmn": "Chaw Tsheb Thauj Mus Los",
        "so": "Gaadiidka",
    },
    "City Clerk": {
        "es": "Secretaría Municipal",
        "zh-Hans": "市书记官办公室",
        "vi": "Văn phòng Thư ký Thành phố",
        "tl": "Kalihim ng Lungsod",
        "ru": "Секретарь города",
        "ar": "كاتب المدينة",
        "hmn": "Tus Tuav Ntaub Ntawv ntawm Lub Nroog",
        "so": "Karraaniga Magaalada",
    },
    "Communications": {
        "es": "Comunicaciones",
        "zh-Hans": "传播办公室",
        "vi": "Phòng Truyền thông",
        "tl": "Komunikasyon",
        "ru": "Отдел коммуникаций",
        "ar": "إدارة الاتصالات",
        "hmn": "Chaw Xov Xwm",
        "so": "Isgaarsiinta",
    },
    "Information Technology": {
        "es": "Tecnología de la Información",
        "zh-Hans": "信息技术部",
        "vi": "Phòng Công nghệ Thông tin",
        "tl": "Teknolohiya ng Impormasyon",
        "ru": "Отдел информационных технологий",
        "ar": "إدارة تقنية المعلومات",
        "hmn": "Chaw Thev Naus Laus Zis",
        "so": "Teknolojiyada Macluumaadka",
    },
    "Human Resources": {
        "es": "Recursos Humanos",
        "zh-Hans": "人力资源部",
        "vi": "Phòng Nhân sự",
        "tl": "Human Resources",
        "ru": "Отдел кадров",
        "ar": "إدارة الموارد البشرية",
        "hmn": "Chaw Saib Xyuas Neeg Ua Haujlwm",
        "so": "Shaqaalaha",
    },
    "Library": {
        "es": "Biblioteca",
        "zh-Hans": "图书馆",
        "vi": "Thư viện",
        "tl": "Aklatan",
        "ru": "Библиотека",
        "ar": "المكتبة",
        "hmn": "Tsev Qiv Ntawv",
        "so": "Maktabadda",
    },
    "Parks and Recreation": {
        "es": "Parques y Recreación",
        "zh-Hans": "公园与康乐局",
        "vi": "Sở Công viên và Giải trí",
        "tl": "Mga Parke at Libangan",
        "ru": "Управление парков и отдыха",
        "ar": "إدارة الحدائق والترفيه",
        "hmn": "Chaw Tiaj Ua Si thiab Kev Lom Zem",
        "so": "Beerta iyo Madadaalada",
    },
    "Fire": {
        "es": "Bomberos",
        "zh-Hans": "消防局",
        "vi": "Sở Cứu hỏa",
        "tl": "Bumbero",
        "ru": "Пожарная служба",
        "ar": "إدارة الإطفاء",
        "hmn": "Chaw Tua Hluav Taws",
        "so": "Dab-demiska",
    },
    "Health and Human Services": {
        "es": "Salud y Servicios Humanos",
        "zh-Hans": "卫生与公众服务局",
        "vi": "Sở Y tế và Dịch vụ Xã hội",
        "tl": "Kalusugan at Serbisyong Pantao",
        "ru": "Управление здравоохранения и социальных услуг",
        "ar": "إدارة الصحة والخدمات الإنسانية",
        "hmn": "Chaw Kev Noj Qab Haus Huv thiab Kev Pab Tib Neeg",
        "so": "Caafimaadka iyo Adeegyada Bulshada",
    },
    "Emergency Communications": {
        "es": "Comunicaciones de Emergencia",
        "zh-Hans": "紧急通讯中心",
        "vi": "Trung tâm Liên lạc Khẩn cấp",
        "tl": "Komunikasyong Pang-emerhensiya",
        "ru": "Служба экстренной связи",
        "ar": "اتصالات الطوارئ",
        "hmn": "Chaw Xov Tooj Xwm Txheej Ceev",
        "so": "Isgaarsiinta Xaaladaha Degdegga",
    },
    "Housing": {
        "es": "Vivienda",
        "zh-Hans": "住房局",
        "vi": "Sở Gia cư",
        "tl": "Pabahay",
        "ru": "Жилищное управление",
        "ar": "إدارة الإسكان",
        "hmn": "Chaw Vaj Tse",
        "so": "Guryaynta",
    },
    "City Attorney": {
        "es": "Fiscalía Municipal",
        "zh-Hans": "市检察官办公室",
        "vi": "Luật sư Thành phố",
        "tl": "Abogado ng Lungsod",
        "ru": "Городской прокурор",
        "ar": "محامي المدينة",
        "hmn": "Kws Lij Choj ntawm Lub Nroog",
        "so": "Qareenka Magaalada",
    },
    "Code Enforcement": {
        "es": "Cumplimiento de Códigos",
        "zh-Hans": "法规执行处",
        "vi": "Phòng Thực thi Quy chuẩn",
        "tl": "Pagpapatupad ng Kodigo",
        "ru": "Служба строительного надзора",
        "ar": "إدارة إنفاذ القوانين",
        "hmn": "Chaw Saib Xyuas Txoj Cai Tsev",
        "so": "Dhaqangelinta Xeerarka",
    },
    "City Manager": {
        "es": "Administración Municipal",
        "zh-Hans": "市经理办公室",
        "vi": "Quản đốc Thành phố",
        "tl": "Tagapamahala ng Lungsod",
        "ru": "Сити-менеджер",
        "ar": "مدير المدينة",
        "hmn": "Tus Thawj Tswj Lub Nroog",
        "so": "Maareeyaha Magaalada",
    },
    "Economic Development": {
        "es": "Desarrollo Económico",
        "zh-Hans": "经济发展局",
        "vi": "Sở Phát triển Kinh tế",
        "tl": "Pagpapaunlad ng Ekonomiya",
        "ru": "Управление экономического развития",
        "ar": "إدارة التنمية الاقتصادية",
        "hmn": "Chaw Txhim Kho Kev Lag Luam",
        "so": "Horumarinta Dhaqaalaha",
    },
    "Community Engagement": {
        "es": "Participación Comunitaria",
        "zh-Hans": "社区参与办公室",
        "vi": "Phòng Gắn kết Cộng đồng",
        "tl": "Pakikipag-ugnayan sa Komunidad",
        "ru": "Отдел работы с жителями",
        "ar": "إدارة المشاركة المجتمعية",
        "hmn": "Chaw Koom Tes nrog Zej Zog",
        "so": "Ka-qaybgalka Bulshada",
    },
}

# English source text -> {language: draft}: the report, the themes, the resolution, the plan.
TEXTS = {
    "Resolution on belonging and neighborhood safety": {
        "es": "Resolución sobre pertenencia y seguridad en los vecindarios",
        "zh-Hans": "关于归属感与社区安全的决议",
        "vi": "Nghị quyết về sự gắn bó và an toàn khu phố",
        "tl": "Resolusyon tungkol sa pagkakabilang at kaligtasan sa kapitbahayan",
        "ru": "Резолюция о чувстве общности и безопасности в районах",
        "ar": "قرار بشأن الانتماء وأمان الأحياء",
        "hmn": "Daim ntawv txiav txim siab txog kev koom siab thiab kev nyab xeeb hauv zej zog",
        "so": "Go'aanka ku saabsan ka-mid-ahaanshaha iyo badbaadada xaafadaha",
    },
    "Belonging and safety action plan 2026-2027": {
        "es": "Plan de acción de pertenencia y seguridad 2026-2027",
        "zh-Hans": "2026-2027年归属感与安全行动计划",
        "vi": "Kế hoạch hành động về sự gắn bó và an toàn 2026-2027",
        "tl": "Plano ng aksyon para sa pagkakabilang at kaligtasan 2026-2027",
        "ru": "План действий по безопасности и чувству общности на 2026-2027 годы",
        "ar": "خطة العمل للانتماء والأمان 2026-2027",
        "hmn": "Txoj kev npaj ua haujlwm txog kev koom siab thiab kev nyab xeeb 2026-2027",
        "so": "Qorshaha waxqabadka ka-mid-ahaanshaha iyo badbaadada 2026-2027",
    },
    "What We Heard: Maple Valley Belonging and Safety Listening Sessions 2026": {
        "es": (
            "Lo que escuchamos: sesiones para escuchar a la comunidad de Maple Valley sobre "
            "pertenencia y seguridad 2026"
        ),
        "zh-Hans": "我们听到了什么：2026年枫谷归属感与安全社区倾听会",
        "vi": (
            "Những điều chúng tôi đã nghe: Các buổi lắng nghe về sự gắn bó và an toàn ở Maple "
            "Valley 2026"
        ),
        "tl": (
            "Ang Aming Narinig: Mga Sesyon ng Pakikinig sa Maple Valley tungkol sa Pagkakabilang "
            "at Kaligtasan 2026"
        ),
        "ru": (
            "Что мы услышали: встречи с жителями Мейпл-Вэлли о безопасности и чувстве общности, "
            "2026"
        ),
        "ar": "ما سمعناه: جلسات الاستماع في ميبل فالي حول الانتماء والأمان 2026",
        "hmn": (
            "Yam Peb Tau Hnov: Maple Valley Cov Rooj Sib Tham Mloog Txog Kev Koom Siab thiab Kev "
            "Nyab Xeeb 2026"
        ),
        "so": (
            "Waxa Aan Maqalnay: Kulamada Dhageysiga Maple Valley ee ku saabsan Ka-mid-ahaanshaha "
            "iyo Badbaadada 2026"
        ),
    },
    (
        "This fall, residents sat at small tables at Lincoln Middle School, the Maple Valley "
        "Senior Center and the Northgate Apartments community room and told us when they feel safe "
        "in their neighborhood, which city service would help their family most, and what the city "
        "should start doing this year. Volunteers wrote down what was said, in the language it was "
        "said in; interpreters worked at every session. No names were written down.\n\nThis report "
        "groups those notes into themes, quotes residents' own words, and shows which parts of the "
        "draft resolution and the action plan answer each theme. Notes that could identify someone "
        "are left out."
    ): {
        "es": (
            "Este otoño, los residentes se sentaron en mesas pequeñas en la Escuela Secundaria "
            "Lincoln, el Centro para Personas Mayores de Maple Valley y el salón comunitario de "
            "los Apartamentos Northgate, y nos contaron cuándo se sienten seguros en su "
            "vecindario, qué servicio de la ciudad ayudaría más a su familia y qué debería empezar "
            "a hacer la ciudad este año. Voluntarios anotaron lo que se dijo, en el idioma en que "
            "se dijo; hubo intérpretes en cada sesión. No se anotó ningún nombre.\n\nEste informe "
            "agrupa esas notas en temas, cita las propias palabras de los residentes y muestra qué "
            "partes del proyecto de resolución y del plan de acción responden a cada tema. Se "
            "dejan fuera las notas que podrían identificar a alguien."
        ),
        "zh-Hans": (
            "今年秋天，居民们在林肯中学、枫谷长者中心和北门公寓社区活动室围坐在小桌旁，告诉我们他们"
            "在什么时候觉得社区安全、哪项市政服务对家人帮助最大，以及市政府今年应该开始做什么。志愿"
            "者用居民所说的语言记录了他们的话；每场都有口译员。没有记录任何姓名。\n\n本报告把这些记"
            "录归纳为主题，引用居民自己的话，并说明决议草案和行动计划的哪些部分回应了每个主题。可能"
            "识别出某人身份的记录均未列入。"
        ),
        "vi": (
            "Mùa thu này, cư dân ngồi quanh những chiếc bàn nhỏ tại Trường Trung học Cơ sở "
            "Lincoln, Trung tâm Người cao tuổi Maple Valley và phòng sinh hoạt cộng đồng của Khu "
            "chung cư Northgate, và cho chúng tôi biết khi nào họ cảm thấy an toàn trong khu phố, "
            "dịch vụ nào của thành phố sẽ giúp gia đình họ nhiều nhất, và thành phố nên bắt đầu "
            "làm gì trong năm nay. Tình nguyện viên ghi lại những gì được nói, bằng chính ngôn ngữ "
            "người nói; buổi nào cũng có thông dịch viên. Không ghi lại tên của ai.\n\nBáo cáo này "
            "nhóm các ghi chép đó thành các chủ đề, trích dẫn lời của chính cư dân, và cho thấy "
            "phần nào của dự thảo nghị quyết và kế hoạch hành động đáp ứng từng chủ đề. Những ghi "
            "chép có thể làm lộ danh tính của ai đó đã được bỏ ra."
        ),
        "tl": (
            "Ngayong taglagas, umupo ang mga residente sa maliliit na mesa sa Lincoln Middle "
            "School, sa Maple Valley Senior Center at sa community room ng Northgate Apartments at "
            "sinabi sa amin kung kailan sila nakadarama ng kaligtasan sa kanilang kapitbahayan, "
            "aling serbisyo ng lungsod ang pinakamakatutulong sa kanilang pamilya, at ano ang "
            "dapat simulang gawin ng lungsod ngayong taon. Isinulat ng mga boluntaryo ang sinabi, "
            "sa wikang ginamit sa pagsasabi nito; may mga interpreter sa bawat sesyon. Walang "
            "pangalang isinulat.\n\nPinagsasama-sama ng ulat na ito ang mga talang iyon sa mga "
            "tema, sinisipi ang sariling mga salita ng mga residente, at ipinapakita kung aling "
            "bahagi ng burador ng resolusyon at ng plano ng aksyon ang tumutugon sa bawat tema. "
            "Hindi isinama ang mga talang maaaring magpakilala sa isang tao."
        ),
        "ru": (
            "Этой осенью жители сидели за небольшими столами в средней школе Линкольна, в центре "
            "для пожилых Мейпл-Вэлли и в общей комнате жилого комплекса Нортгейт и рассказывали "
            "нам, когда они чувствуют себя в безопасности в своём районе, какая городская услуга "
            "больше всего помогла бы их семье и что город должен начать делать в этом году. "
            "Волонтёры записывали сказанное на том языке, на котором это было сказано; на каждой "
            "встрече работали переводчики. Имена не записывались.\n\nВ этом отчёте записи "
            "сгруппированы по темам, приведены слова самих жителей и показано, какие части проекта "
            "резолюции и плана действий отвечают на каждую тему. Записи, по которым можно узнать "
            "человека, не включены."
        ),
        "ar": (
            "في هذا الخريف جلس السكان إلى طاولات صغيرة في مدرسة لينكولن المتوسطة ومركز كبار السن "
            "في ميبل فالي والقاعة المجتمعية في مجمع شقق نورثغيت، وأخبرونا متى يشعرون بالأمان في "
            "حيّهم، وأيّ خدمة من خدمات المدينة تساعد أسرهم أكثر من غيرها، وما الذي ينبغي أن تبدأ "
            "المدينة بفعله هذا العام. دوّن متطوعون ما قيل باللغة التي قيل بها، وحضر مترجمون فوريون "
            "كل جلسة. لم يُدوَّن أي اسم.\n\nيجمع هذا التقرير تلك الملاحظات في مواضيع، وينقل كلمات "
            "السكان أنفسهم، ويبيّن أيّ أجزاء من مشروع القرار وخطة العمل تستجيب لكل موضوع. استُبعدت "
            "الملاحظات التي قد تكشف هوية أحد."
        ),
        "hmn": (
            "Lub caij nplooj zeeg no, cov neeg nyob hauv zej zog tau zaum ntawm cov rooj me me "
            "hauv Lincoln Middle School, Maple Valley Senior Center thiab chav sib tham ntawm "
            "Northgate Apartments thiab qhia rau peb tias thaum twg lawv xav tias muaj kev nyab "
            "xeeb hauv lawv zej zog, lub nroog qhov kev pab twg yuav pab tau lawv tsev neeg tshaj "
            "plaws, thiab lub nroog yuav tsum pib ua dab tsi xyoo no. Cov neeg pab dawb tau sau "
            "cov lus uas hais, ua yam lus uas neeg hais; txhua rooj sib tham muaj neeg txhais lus. "
            "Tsis tau sau leej twg lub npe.\n\nDaim ntawv qhia no muab cov ntawv sau ntawd faib ua "
            "cov ntsiab lus, muab cov neeg nyob hauv zej zog tus kheej cov lus los qhia, thiab "
            "qhia tias daim ntawv txiav txim siab thiab txoj kev npaj ua haujlwm qhov twg teb "
            "txhua lub ntsiab lus. Cov ntawv sau uas yuav qhia tau tias yog leej twg raug muab "
            "tshem tawm."
        ),
        "so": (
            "Dayrtan, dadka deegaanku waxay ku fadhiisteen miisas yaryar Dugsiga Dhexe ee Lincoln, "
            "Xarunta Waayeelka Maple Valley iyo qolka bulshada ee Guryaha Northgate, waxayna noo "
            "sheegeen goorta ay dareemaan badbaado xaafaddooda, adeegga magaalada ee sida ugu "
            "badan u caawin lahaa qoyskooda, iyo waxa ay magaaladu sannadkan bilaabi lahayd. "
            "Mutadawiciin ayaa qoray waxa la yiri, luqadda lagu yiri; turjubaanno ayaa joogay "
            "kulan kasta. Magac lama qorin.\n\nWarbixintan waxay qoraalladaas u kala qaybisaa "
            "mowduucyo, waxay soo xigataa erayada dadka deegaanka laftooda, waxayna muujisaa "
            "qaybaha qabyo-qoraalka go'aanka iyo qorshaha waxqabadka ee ka jawaabaya mowduuc "
            "kasta. Qoraallada lagu garan karo qof waa laga saaray."
        ),
    },
    "Safe walking routes after dark": {
        "es": "Caminos seguros después del anochecer",
        "zh-Hans": "天黑后安全的步行路线",
        "vi": "Đường đi bộ an toàn sau khi trời tối",
        "tl": "Ligtas na daanan pagsapit ng dilim",
        "ru": "Безопасные пешие маршруты в тёмное время",
        "ar": "طرق مشي آمنة بعد حلول الظلام",
        "hmn": "Txoj kev taug kev nyab xeeb thaum tsaus ntuj",
        "so": "Waddooyin lagu socdo oo nabad ah habeenkii",
    },
    (
        "Residents want working street lights, sound sidewalks and safe crossings on the routes "
        "they walk to buses, schools and stores, and want reported problems fixed quickly."
    ): {
        "es": (
            "Los residentes quieren alumbrado que funcione, aceras en buen estado y cruces seguros "
            "en los caminos que recorren a pie hacia el autobús, la escuela y las tiendas, y "
            "quieren que los problemas reportados se arreglen pronto."
        ),
        "zh-Hans": (
            "居民希望在步行去公交车站、学校和商店的路线上有正常工作的路灯、完好的人行道和安全的过街"
            "设施，并希望报告的问题能尽快修好。"
        ),
        "vi": (
            "Cư dân muốn đèn đường hoạt động, vỉa hè chắc chắn và lối sang đường an toàn trên "
            "những tuyến họ đi bộ tới trạm xe buýt, trường học và cửa hàng, và muốn các sự cố đã "
            "báo được sửa nhanh."
        ),
        "tl": (
            "Gusto ng mga residente ng gumaganang ilaw sa kalye, maayos na bangketa at ligtas na "
            "tawiran sa mga daang nilalakad nila papunta sa bus, paaralan at tindahan, at gusto "
            "nilang maayos agad ang mga iniulat na problema."
        ),
        "ru": (
            "Жители хотят работающих фонарей, целых тротуаров и безопасных переходов на пути к "
            "автобусу, школе и магазинам и хотят, чтобы о чём сообщили, исправляли быстро."
        ),
        "ar": (
            "يريد السكان إنارة شوارع تعمل وأرصفة سليمة ومعابر آمنة على الطرق التي يمشونها إلى "
            "الحافلات والمدارس والمتاجر، ويريدون إصلاح المشكلات المبلَّغ عنها بسرعة."
        ),
        "hmn": (
            "Cov neeg nyob hauv zej zog xav kom muaj teeb ntawm txoj kev uas cig, txoj kev taug "
            "kev zoo thiab qhov hla kev uas nyab xeeb rau txoj kev lawv taug mus caij npav, mus "
            "tsev kawm ntawv thiab mus khw, thiab xav kom kho tej teeb meem uas tau qhia sai sai."
        ),
        "so": (
            "Dadka deegaanku waxay rabaan nalal waddo oo shaqeeya, waddooyin lugeed oo fiican iyo "
            "meelo laga gudbo oo nabad ah jidadka ay u maraan baska, iskuullada iyo dukaamada, "
            "waxayna rabaan in dhibaatooyinka la soo sheegay si dhakhso ah loo hagaajiyo."
        ),
    },
    "Services in the languages people speak": {
        "es": "Servicios en los idiomas que habla la gente",
        "zh-Hans": "用居民所说的语言提供服务",
        "vi": "Dịch vụ bằng ngôn ngữ người dân nói",
        "tl": "Mga serbisyo sa mga wikang sinasalita ng mga tao",
        "ru": "Услуги на языках, на которых говорят люди",
        "ar": "خدمات باللغات التي يتحدثها الناس",
        "hmn": "Kev pab ua cov lus uas neeg hais",
        "so": "Adeegyo lagu bixiyo luqadaha ay dadku ku hadlaan",
    },
    (
        "People who do not read English miss letters, phone lines and meetings, and their children "
        "end up interpreting for them."
    ): {
        "es": (
            "Quienes no leen inglés se pierden cartas, líneas telefónicas y reuniones, y sus hijos "
            "terminan haciendo de intérpretes."
        ),
        "zh-Hans": "不识英文的人错过信件、电话服务和会议，最后只能由孩子替他们翻译。",
        "vi": (
            "Những người không đọc được tiếng Anh bỏ lỡ thư từ, đường dây điện thoại và các cuộc "
            "họp, và rốt cuộc con cái họ phải thông dịch cho họ."
        ),
        "tl": (
            "Ang mga hindi nakababasa ng Ingles ay hindi nakaaalam ng mga sulat, linya ng telepono "
            "at pulong, at nauuwi ang kanilang mga anak sa pagiging interpreter nila."
        ),
        "ru": (
            "Люди, не читающие по-английски, пропускают письма, телефонные линии и собрания, и "
            "переводить им в итоге приходится их детям."
        ),
        "ar": (
            "من لا يقرأ الإنجليزية تفوته الرسائل وخطوط الهاتف والاجتماعات، وينتهي الأمر بأطفالهم "
            "مترجمين لهم."
        ),
        "hmn": (
            "Cov neeg uas nyeem tsis tau lus Askiv plam tej ntawv, tej xov tooj thiab tej rooj sib "
            "tham, thiab thaum kawg lawv cov me nyuam yuav tsum txhais lus rau lawv."
        ),
        "so": (
            "Dadka aan akhrin karin Ingiriisiga waxaa ka dhaafa waraaqaha, khadadka telefoonka iyo "
            "shirarka, carruurtoodana waxay ku dambeeyaan inay u turjumaan."
        ),
    },
    "Places for teenagers in the evening": {
        "es": "Lugares para adolescentes por la tarde",
        "zh-Hans": "青少年晚间活动场所",
        "vi": "Nơi cho thanh thiếu niên vào buổi tối",
        "tl": "Mga lugar para sa mga kabataan sa gabi",
        "ru": "Места для подростков по вечерам",
        "ar": "أماكن للمراهقين في المساء",
        "hmn": "Qhov chaw rau cov hluas thaum yav tsaus ntuj",
        "so": "Meelo dhallinyarada fiidkii",
    },
    (
        "Teenagers and parents asked for free, welcoming places and programs open in the evenings "
        "and through the summer, planned with young people."
    ): {
        "es": (
            "Adolescentes y padres pidieron lugares y programas gratuitos y acogedores, abiertos "
            "por las tardes y durante el verano, planificados junto con los jóvenes."
        ),
        "zh-Hans": (
            "青少年和家长希望有免费、友好的场所和活动，在晚间和整个夏天开放，并与年轻人一起规划。"
        ),
        "vi": (
            "Thanh thiếu niên và phụ huynh yêu cầu có những nơi và chương trình miễn phí, thân "
            "thiện, mở cửa vào buổi tối và suốt mùa hè, được lên kế hoạch cùng với người trẻ."
        ),
        "tl": (
            "Humiling ang mga kabataan at magulang ng libre at magiliw na mga lugar at programang "
            "bukas sa gabi at buong tag-init, na pinaplano kasama ng mga kabataan."
        ),
        "ru": (
            "Подростки и родители просили бесплатных и приветливых мест и программ, открытых по "
            "вечерам и всё лето и спланированных вместе с молодёжью."
        ),
        "ar": (
            "طلب المراهقون والآباء أماكن وبرامج مجانية ومرحِّبة تفتح في المساء وطوال الصيف، "
            "ويُخطَّط لها مع الشباب."
        ),
        "hmn": (
            "Cov hluas thiab niam txiv tau thov kom muaj qhov chaw thiab kev kawm pub dawb uas "
            "txais tos, qhib thaum yav tsaus ntuj thiab thoob plaws lub caij ntuj sov, uas npaj "
            "nrog cov hluas."
        ),
        "so": (
            "Dhallinyarada iyo waalidiintu waxay codsadeen meelo iyo barnaamijyo bilaash ah oo soo "
            "dhaweyn leh, oo furan fiidkii iyo xagaaga oo dhan, laguna qorsheeyo dhallinyarada."
        ),
    },
    "Crisis care without police": {
        "es": "Atención en crisis sin policía",
        "zh-Hans": "无需警察的危机援助",
        "vi": "Hỗ trợ khủng hoảng không cần cảnh sát",
        "tl": "Tulong sa krisis nang walang pulis",
        "ru": "Помощь в кризисе без полиции",
        "ar": "رعاية الأزمات دون شرطة",
        "hmn": "Kev pab thaum muaj teeb meem loj yam tsis muaj tub ceev xwm",
        "so": "Daryeelka xaaladaha qalafsan iyada oo aan booliis la joogin",
    },
    (
        "Residents want trained counselors, not armed officers, to answer mental health crises, "
        "and help in their own languages."
    ): {
        "es": (
            "Los residentes quieren que sean consejeros capacitados, y no agentes armados, quienes "
            "respondan a las crisis de salud mental, y que la ayuda llegue en su propio idioma."
        ),
        "zh-Hans": (
            "居民希望由受过训练的辅导员而不是持枪警察来处理心理健康危机，并用他们自己的语言提供帮助"
            "。"
        ),
        "vi": (
            "Cư dân muốn những người tư vấn được đào tạo, chứ không phải nhân viên có vũ trang, "
            "ứng phó với khủng hoảng sức khỏe tâm thần, và được giúp đỡ bằng ngôn ngữ của chính họ."
        ),
        "tl": (
            "Gusto ng mga residente na mga sinanay na tagapayo, hindi armadong opisyal, ang "
            "tumugon sa mga krisis sa kalusugang pangkaisipan, at tulong sa sarili nilang wika."
        ),
        "ru": (
            "Жители хотят, чтобы на кризисы психического здоровья выезжали обученные консультанты, "
            "а не вооружённые полицейские, и чтобы помощь была на их родном языке."
        ),
        "ar": (
            "يريد السكان أن يستجيب لأزمات الصحة النفسية مستشارون مدرَّبون لا عناصر مسلحون، وأن "
            "تُقدَّم المساعدة بلغاتهم."
        ),
        "hmn": (
            "Cov neeg nyob hauv zej zog xav kom cov kws pab tswv yim uas tau kawm, tsis yog tub "
            "ceev xwm nqa phom, los teb thaum muaj teeb meem kev puas siab puas ntsws, thiab pab "
            "ua lawv hom lus."
        ),
        "so": (
            "Dadka deegaanku waxay rabaan in la-taliyayaal tababaran, ee aan ahayn saraakiil "
            "hubaysan, ay ka jawaabaan xaaladaha caafimaadka maskaxda, iyo caawimaad luqaddooda ah."
        ),
    },
    "Rent and repairs": {
        "es": "Alquiler y reparaciones",
        "zh-Hans": "房租与维修",
        "vi": "Tiền thuê nhà và sửa chữa",
        "tl": "Upa at pagkukumpuni",
        "ru": "Аренда и ремонт",
        "ar": "الإيجار والإصلاحات",
        "hmn": "Nqi xauj tsev thiab kev kho tsev",
        "so": "Kirada iyo dayactirka",
    },
    (
        "Rising rents and repairs landlords ignore are pushing families and older residents out, "
        "and tenants fear complaining."
    ): {
        "es": (
            "Los alquileres que suben y las reparaciones que los propietarios ignoran están "
            "expulsando a familias y a personas mayores, y los inquilinos tienen miedo de quejarse."
        ),
        "zh-Hans": (
            "不断上涨的房租和房东置之不理的维修问题正在把家庭和年长居民挤走，租户也不敢投诉。"
        ),
        "vi": (
            "Tiền thuê nhà tăng và những hư hỏng mà chủ nhà bỏ mặc đang đẩy các gia đình và người "
            "cao tuổi ra đi, và người thuê nhà sợ lên tiếng phàn nàn."
        ),
        "tl": (
            "Ang tumataas na upa at mga sirang hindi pinapansin ng mga may-ari ay nagtutulak "
            "palabas sa mga pamilya at matatanda, at natatakot magreklamo ang mga umuupa."
        ),
        "ru": (
            "Растущая арендная плата и ремонт, которым пренебрегают владельцы, вытесняют семьи и "
            "пожилых людей, а жильцы боятся жаловаться."
        ),
        "ar": (
            "الإيجارات المرتفعة والإصلاحات التي يتجاهلها الملّاك تدفع العائلات وكبار السن إلى "
            "الرحيل، ويخشى المستأجرون تقديم الشكاوى."
        ),
        "hmn": (
            "Nqi xauj tsev uas nce thiab tej yam uas tswv tsev tsis kho tab tom thawb cov tsev "
            "neeg thiab cov laus tawm mus, thiab cov neeg xauj tsev ntshai yws."
        ),
        "so": (
            "Kirada sii kordhaysa iyo dayactirka ay milkiilayaashu dayacaan ayaa qoysaska iyo "
            "dadka waayeelka ah ka saaraya, kiraystayaashuna waxay ka baqaan inay cabasho "
            "gudbiyaan."
        ),
    },
    "Buses that run when people work": {
        "es": "Autobuses que pasen cuando la gente trabaja",
        "zh-Hans": "配合上班时间的公交车",
        "vi": "Xe buýt chạy đúng giờ người ta đi làm",
        "tl": "Mga bus na bumibiyahe kapag nagtatrabaho ang mga tao",
        "ru": "Автобусы, которые ходят, когда люди работают",
        "ar": "حافلات تعمل حين يعمل الناس",
        "hmn": "Npav uas khiav thaum neeg mus ua haujlwm",
        "so": "Basas shaqeeya marka dadku shaqeeyaan",
    },
    (
        "Buses stop too early and come too rarely for people's shifts, and stops lack shelter, "
        "benches and safe crossings."
    ): {
        "es": (
            "Los autobuses dejan de pasar demasiado temprano y pasan muy poco para los turnos de "
            "la gente, y las paradas no tienen techo, bancas ni cruces seguros."
        ),
        "zh-Hans": (
            "公交车收班太早、班次太少，赶不上人们的轮班，车站也缺少候车亭、长椅和安全的过街设施。"
        ),
        "vi": (
            "Xe buýt ngừng chạy quá sớm và ít chuyến so với ca làm của mọi người, còn trạm thì "
            "thiếu mái che, ghế ngồi và lối sang đường an toàn."
        ),
        "tl": (
            "Masyadong maagang humihinto at madalang dumaan ang mga bus para sa mga shift ng tao, "
            "at kulang ang mga hintayan sa silungan, upuan at ligtas na tawiran."
        ),
        "ru": (
            "Автобусы перестают ходить слишком рано и ходят слишком редко для рабочих смен, а на "
            "остановках нет навесов, скамеек и безопасных переходов."
        ),
        "ar": (
            "تتوقف الحافلات مبكرًا جدًا وتأتي نادرًا بالنسبة لنوبات عمل الناس، وتفتقر المحطات إلى "
            "المظلات والمقاعد والمعابر الآمنة."
        ),
        "hmn": (
            "Npav tsum ntxov dhau thiab tuaj tsawg dhau rau tib neeg lub sij hawm ua haujlwm, "
            "thiab chaw tos npav tsis muaj ru tsev, rooj zaum thiab qhov hla kev nyab xeeb."
        ),
        "so": (
            "Basasku goor hore ayay joogsadaan oo si naadir ah ayay u yimaadaan marka loo eego "
            "wareegyada shaqada dadka, boosteejooyinkuna ma laha hoy, kuraas iyo meelo laga gudbo "
            "oo nabad ah."
        ),
    },
    "Parks that families can use": {
        "es": "Parques que las familias puedan usar",
        "zh-Hans": "家庭能用得上的公园",
        "vi": "Công viên mà các gia đình có thể sử dụng",
        "tl": "Mga parkeng magagamit ng mga pamilya",
        "ru": "Парки, которыми могут пользоваться семьи",
        "ar": "حدائق تستطيع العائلات استخدامها",
        "hmn": "Tiaj ua si uas tsev neeg siv tau",
        "so": "Beero ay qoysasku isticmaali karaan",
    },
    (
        "Families love the parks but need open restrooms, working fountains, shade, lights on the "
        "fields and safe playgrounds."
    ): {
        "es": (
            "A las familias les encantan los parques, pero necesitan baños abiertos, bebederos que "
            "funcionen, sombra, luces en las canchas y juegos infantiles seguros."
        ),
        "zh-Hans": (
            "家庭很喜欢公园，但需要开放的洗手间、能用的饮水机、遮阴处、球场照明和安全的游乐场。"
        ),
        "vi": (
            "Các gia đình yêu thích công viên nhưng cần nhà vệ sinh mở cửa, vòi nước uống hoạt "
            "động, bóng mát, đèn trên sân và sân chơi an toàn."
        ),
        "tl": (
            "Gustong-gusto ng mga pamilya ang mga parke pero kailangan nila ng bukas na banyo, "
            "gumaganang inuman, lilim, ilaw sa mga palaruan ng isports at ligtas na palaruan."
        ),
        "ru": (
            "Семьи любят парки, но им нужны открытые туалеты, работающие фонтанчики, тень, "
            "освещение на полях и безопасные детские площадки."
        ),
        "ar": (
            "تحب العائلات الحدائق لكنها تحتاج إلى دورات مياه مفتوحة ونوافير شرب تعمل وظلّ وإنارة "
            "في الملاعب وملاعب أطفال آمنة."
        ),
        "hmn": (
            "Tsev neeg nyiam tiaj ua si tab sis xav tau chav dej qhib, qhov dej haus uas siv tau, "
            "qhov ntxoov ntxoo, teeb ntawm tshav ncaws pob thiab chaw ua si rau me nyuam uas nyab "
            "xeeb."
        ),
        "so": (
            "Qoysasku waxay jecel yihiin beeraha laakiin waxay u baahan yihiin musqulo furan, "
            "biyo-cabbo shaqeeya, hadh, nalal garoonnada iyo meelo carruurtu ku ciyaarto oo nabad "
            "ah."
        ),
    },
    "Clinics close to home": {
        "es": "Clínicas cerca de casa",
        "zh-Hans": "离家近的诊所",
        "vi": "Phòng khám gần nhà",
        "tl": "Mga klinikang malapit sa tahanan",
        "ru": "Поликлиники рядом с домом",
        "ar": "عيادات قريبة من المنزل",
        "hmn": "Tsev kho mob ze tsev",
        "so": "Rugaha caafimaadka oo guriga u dhow",
    },
    (
        "Residents need clinics and doctors they can reach without a car, who speak their language "
        "and see them after work."
    ): {
        "es": (
            "Los residentes necesitan clínicas y médicos a los que puedan llegar sin auto, que "
            "hablen su idioma y que los atiendan después del trabajo."
        ),
        "zh-Hans": "居民需要不开车也能到达、会说他们的语言并在下班后也能看诊的诊所和医生。",
        "vi": (
            "Cư dân cần phòng khám và bác sĩ mà họ có thể đến mà không cần xe hơi, nói được ngôn "
            "ngữ của họ và khám cho họ sau giờ làm."
        ),
        "tl": (
            "Kailangan ng mga residente ng mga klinika at doktor na mararating nila nang walang "
            "kotse, na nagsasalita ng kanilang wika at tumitingin sa kanila pagkatapos ng trabaho."
        ),
        "ru": (
            "Жителям нужны поликлиники и врачи, до которых можно добраться без машины, которые "
            "говорят на их языке и принимают после работы."
        ),
        "ar": (
            "يحتاج السكان إلى عيادات وأطباء يمكنهم الوصول إليهم دون سيارة، يتحدثون لغتهم "
            "ويستقبلونهم بعد العمل."
        ),
        "hmn": (
            "Cov neeg nyob hauv zej zog xav tau tsev kho mob thiab kws kho mob uas lawv mus txog "
            "tau yam tsis muaj tsheb, uas hais lawv hom lus thiab kuaj lawv tom qab ua haujlwm."
        ),
        "so": (
            "Dadka deegaanku waxay u baahan yihiin rugo caafimaad iyo dhakhaatiir ay gaari karaan "
            "iyaga oo aan baabuur lahayn, kuna hadla luqaddooda oo arka shaqada kadib."
        ),
    },
    "Work that uses people's skills": {
        "es": "Trabajo que aproveche lo que la gente sabe hacer",
        "zh-Hans": "能发挥人们技能的工作",
        "vi": "Việc làm phát huy kỹ năng của mọi người",
        "tl": "Trabahong gumagamit ng kakayahan ng mga tao",
        "ru": "Работа, где нужны умения людей",
        "ar": "عمل يستفيد من مهارات الناس",
        "hmn": "Haujlwm uas siv tib neeg tej txuj ci",
        "so": "Shaqo ka faa'iidaysata xirfadaha dadka",
    },
    (
        "Newcomers' licenses and degrees do not count here, and residents asked for paid training, "
        "English classes and help for small businesses."
    ): {
        "es": (
            "Las licencias y los títulos de quienes recién llegan no cuentan aquí, y los "
            "residentes pidieron capacitación pagada, clases de inglés y ayuda para pequeños "
            "negocios."
        ),
        "zh-Hans": (
            "新移民的执照和学位在这里不被承认，居民希望有带薪培训、英语课程和对小企业的帮助。"
        ),
        "vi": (
            "Giấy phép hành nghề và bằng cấp của người mới đến không được công nhận ở đây, và cư "
            "dân yêu cầu đào tạo có lương, lớp tiếng Anh và hỗ trợ cho doanh nghiệp nhỏ."
        ),
        "tl": (
            "Hindi kinikilala rito ang mga lisensya at diploma ng mga bagong dating, at humiling "
            "ang mga residente ng may-bayad na pagsasanay, klase sa Ingles at tulong sa maliliit "
            "na negosyo."
        ),
        "ru": (
            "Лицензии и дипломы приезжих здесь не признаются, и жители просили оплачиваемого "
            "обучения, курсов английского и помощи малому бизнесу."
        ),
        "ar": (
            "لا تُعترف هنا برخص القادمين الجدد وشهاداتهم، وطلب السكان تدريبًا مدفوع الأجر ودروسًا "
            "في الإنجليزية ومساعدة للأعمال الصغيرة."
        ),
        "hmn": (
            "Cov neeg tuaj tshiab tej daim ntawv tso cai thiab daim ntawv kawm tiav tsis siv tau "
            "ntawm no, thiab cov neeg nyob hauv zej zog tau thov kev cob qhia uas them nyiaj, chav "
            "kawm lus Askiv thiab kev pab rau cov lag luam me."
        ),
        "so": (
            "Shatiyada iyo shahaadooyinka dadka cusub halkan laguma tiriyo, dadka deegaankuna "
            "waxay codsadeen tababar mushahar leh, fasallo Ingiriisi iyo caawimaad ganacsiyada "
            "yaryar."
        ),
    },
    "Knowing and welcoming neighbors": {
        "es": "Conocer y acoger a los vecinos",
        "zh-Hans": "认识并欢迎邻居",
        "vi": "Quen biết và chào đón hàng xóm",
        "tl": "Pagkilala at pagtanggap sa mga kapitbahay",
        "ru": "Знать соседей и принимать их",
        "ar": "معرفة الجيران والترحيب بهم",
        "hmn": "Paub thiab txais tos cov neeg zej zog",
        "so": "Aqoonta iyo soo dhaweynta deriskaaga",
    },
    (
        "Residents feel safest among neighbors they know; some have been harassed for their "
        "language or faith and asked the city to bring people together and to report back."
    ): {
        "es": (
            "Los residentes se sienten más seguros entre vecinos que conocen; algunos han sufrido "
            "acoso por su idioma o su fe y pidieron a la ciudad que reúna a la gente y que informe "
            "de lo que haga."
        ),
        "zh-Hans": (
            "居民在熟识的邻居之间感到最安全；有些人曾因语言或信仰受到骚扰，他们请市政府把大家聚在一"
            "起，并向居民汇报进展。"
        ),
        "vi": (
            "Cư dân cảm thấy an toàn nhất khi ở giữa những người hàng xóm quen biết; một số người "
            "từng bị quấy rối vì ngôn ngữ hoặc tín ngưỡng và đề nghị thành phố gắn kết mọi người "
            "và báo cáo lại."
        ),
        "tl": (
            "Pinakaligtas ang pakiramdam ng mga residente kapag kasama ang mga kapitbahay na "
            "kilala nila; ang ilan ay ginipit dahil sa kanilang wika o pananampalataya at hiniling "
            "sa lungsod na pagsama-samahin ang mga tao at mag-ulat pabalik."
        ),
        "ru": (
            "Жители чувствуют себя безопаснее всего среди знакомых соседей; некоторых преследовали "
            "из-за языка или веры, и они просили город объединять людей и отчитываться перед ними."
        ),
        "ar": (
            "يشعر السكان بأكبر قدر من الأمان بين جيران يعرفونهم؛ تعرّض بعضهم للمضايقة بسبب لغتهم "
            "أو دينهم، وطلبوا من المدينة أن تجمع الناس وأن تُطلعهم على ما تفعله."
        ),
        "hmn": (
            "Cov neeg nyob hauv zej zog xav tias nyab xeeb tshaj plaws thaum nyob ntawm cov neeg "
            "zej zog uas lawv paub; ib txhia tau raug thab plaub vim lawv hom lus los yog kev "
            "ntseeg thiab tau thov kom lub nroog coj tib neeg los sib ntsib thiab qhia rov qab."
        ),
        "so": (
            "Dadka deegaanku waxay dareemaan badbaadada ugu badan marka ay la joogaan deris ay "
            "yaqaanniin; qaar waxaa loo dhibaateeyay luqaddooda ama diintooda, waxayna magaalada "
            "ka codsadeen inay dadka isu keento oo ay warbixin ku soo celiso."
        ),
    },
    (
        "BE IT FURTHER RESOLVED that the City Manager shall report in public twice a year on the "
        "progress of every action in the Belonging and Safety Action Plan, in the languages "
        "residents speak."
    ): {
        "es": (
            "SE RESUELVE ADEMÁS que la Administración Municipal informe en público dos veces al "
            "año sobre el avance de cada acción del Plan de Acción de Pertenencia y Seguridad, en "
            "los idiomas que hablan los residentes."
        ),
        "zh-Hans": (
            "兹进一步决议：市经理每年两次公开报告《归属感与安全行动计划》中每项行动的进展，并使用居"
            "民所说的语言。"
        ),
        "vi": (
            "QUYẾT NGHỊ THÊM rằng Quản đốc Thành phố phải báo cáo công khai mỗi năm hai lần về "
            "tiến độ của từng hành động trong Kế hoạch Hành động về Sự gắn bó và An toàn, bằng các "
            "ngôn ngữ cư dân sử dụng."
        ),
        "tl": (
            "IPINASISIYA PA na ang Tagapamahala ng Lungsod ay mag-uulat sa publiko dalawang beses "
            "sa isang taon tungkol sa pag-usad ng bawat aksyon sa Plano ng Aksyon para sa "
            "Pagkakabilang at Kaligtasan, sa mga wikang sinasalita ng mga residente."
        ),
        "ru": (
            "ПОСТАНОВЛЯЕТСЯ ТАКЖЕ, что сити-менеджер дважды в год публично отчитывается о ходе "
            "каждого действия Плана действий по безопасности и чувству общности на языках, на "
            "которых говорят жители."
        ),
        "ar": (
            "ويُقرَّر كذلك أن يقدّم مدير المدينة تقريرًا علنيًا مرتين في السنة عن التقدم في كل "
            "إجراء من إجراءات خطة العمل للانتماء والأمان، باللغات التي يتحدثها السكان."
        ),
        "hmn": (
            "TXIAV TXIM SIAB NTXIV tias Tus Thawj Tswj Lub Nroog yuav tsum qhia rau pej xeem ob "
            "zaug ib xyoos txog txhua yam haujlwm hauv Txoj Kev Npaj Ua Haujlwm Txog Kev Koom Siab "
            "thiab Kev Nyab Xeeb tias mus tau li cas lawm, ua cov lus uas cov neeg nyob hauv zej "
            "zog hais."
        ),
        "so": (
            "WAXAA KALOO LA GO'AAMIYAY in Maareeyaha Magaaladu uu sannadkii laba jeer si fagaare "
            "ah uga warbixiyo horumarka waxqabad kasta oo ku jira Qorshaha Waxqabadka "
            "Ka-mid-ahaanshaha iyo Badbaadada, luqadaha ay dadka deegaanku ku hadlaan."
        ),
    },
    (
        "Safe routes after dark. Public Works shall survey street lighting, sidewalks, curb ramps "
        "and crosswalks on the walking routes to schools, bus stops and parks, repair reported "
        "street lights within ten working days, and publish the list of repairs and their dates."
    ): {
        "es": (
            "Caminos seguros después del anochecer. Obras Públicas revisará el alumbrado, las "
            "aceras, las rampas y los cruces peatonales en los caminos a escuelas, paradas de "
            "autobús y parques, reparará las luces reportadas en un plazo de diez días hábiles y "
            "publicará la lista de reparaciones con sus fechas."
        ),
        "zh-Hans": (
            "天黑后的安全路线。公共工程局应调查通往学校、公交车站和公园的步行路线上的路灯、人行道、"
            "路缘坡道和人行横道，在十个工作日内修好报告的路灯，并公布维修清单及日期。"
        ),
        "vi": (
            "Đường an toàn sau khi trời tối. Sở Công chánh phải khảo sát đèn đường, vỉa hè, dốc lề "
            "đường và lối sang đường trên các tuyến đi bộ tới trường học, trạm xe buýt và công "
            "viên, sửa đèn đường được báo hỏng trong vòng mười ngày làm việc, và công bố danh sách "
            "sửa chữa cùng ngày thực hiện."
        ),
        "tl": (
            "Ligtas na daan pagsapit ng dilim. Susuriin ng Pampublikong Gawain ang ilaw sa kalye, "
            "bangketa, rampa at tawiran sa mga daanang nilalakad papunta sa paaralan, hintayan ng "
            "bus at parke, kukumpunihin ang mga iniulat na ilaw sa loob ng sampung araw ng "
            "trabaho, at ilalathala ang listahan ng mga pagkukumpuni at ang mga petsa nito."
        ),
        "ru": (
            "Безопасные маршруты в тёмное время. Управление общественных работ обследует "
            "освещение, тротуары, съезды с бордюров и переходы на пешеходных маршрутах к школам, "
            "остановкам и паркам, чинит фонари, о которых сообщили, в течение десяти рабочих дней "
            "и публикует список ремонтов с датами."
        ),
        "ar": (
            "طرق آمنة بعد حلول الظلام. تمسح إدارة الأشغال العامة إنارة الشوارع والأرصفة ومنحدرات "
            "الأرصفة ومعابر المشاة على طرق المشي إلى المدارس ومحطات الحافلات والحدائق، وتصلح أعمدة "
            "الإنارة المبلَّغ عنها خلال عشرة أيام عمل، وتنشر قائمة الإصلاحات وتواريخها."
        ),
        "hmn": (
            "Txoj kev nyab xeeb thaum tsaus ntuj. Chaw Ua Haujlwm Pej Xeem yuav tsum tshawb xyuas "
            "teeb ntawm txoj kev, txoj kev taug kev, qhov nqes ntawm ntug kev thiab qhov hla kev "
            "ntawm txoj kev taug mus tsev kawm ntawv, chaw tos npav thiab tiaj ua si, kho cov teeb "
            "uas tau qhia hauv kaum hnub ua haujlwm, thiab tshaj tawm daim ntawv teev tej yam kho "
            "thiab hnub kho."
        ),
        "so": (
            "Waddooyin nabad ah habeenkii. Hawlaha Guud waxay sahamin doonaan nalalka waddooyinka, "
            "waddooyinka lugta, jaranjarooyinka cidhifka iyo meelaha laga gudbo ee jidadka loo "
            "maro iskuullada, boosteejooyinka baska iyo beeraha, waxay hagaajin doonaan nalalka la "
            "soo sheegay muddo toban maalmood oo shaqo ah gudahood, waxayna daabici doonaan liiska "
            "dayactirka iyo taariikhahooda."
        ),
    },
    (
        "Language access. Every department shall:\n(a) offer interpreters at public meetings and "
        "service counters without a request in advance;\n(b) translate vital letters, notices and "
        "forms into the nine languages of the City; and\n(c) ask residents which language they "
        "prefer and use it in every later contact."
    ): {
        "es": (
            "Acceso lingüístico. Cada departamento deberá:\n(a) ofrecer intérpretes en las "
            "reuniones públicas y en las ventanillas de atención sin que se pidan con antelación;\n"
            "(b) traducir las cartas, avisos y formularios esenciales a los nueve idiomas de la "
            "Ciudad; y\n(c) preguntar a los residentes qué idioma prefieren y usarlo en cada "
            "contacto posterior."
        ),
        "zh-Hans": (
            "语言服务。每个部门应：\n(a) 在公开会议和服务柜台提供口译，无需事先申请；\n(b) "
            "将重要信件、通知和表格翻译成本市的九种语言；以及\n(c) "
            "询问居民偏好的语言，并在之后的每次联系中使用该语言。"
        ),
        "vi": (
            "Tiếp cận ngôn ngữ. Mỗi sở ban phải:\n(a) cung cấp thông dịch viên tại các cuộc họp "
            "công cộng và quầy dịch vụ mà không cần yêu cầu trước;\n(b) dịch các thư từ, thông báo "
            "và mẫu đơn quan trọng sang chín ngôn ngữ của Thành phố; và\n(c) hỏi cư dân muốn dùng "
            "ngôn ngữ nào và dùng ngôn ngữ đó trong mọi lần liên lạc sau."
        ),
        "tl": (
            "Akses sa wika. Bawat departamento ay:\n(a) mag-aalok ng interpreter sa mga "
            "pampublikong pulong at counter ng serbisyo kahit walang naunang kahilingan;\n(b) "
            "magsasalin ng mahahalagang sulat, abiso at porma sa siyam na wika ng Lungsod; at\n(c) "
            "magtatanong sa mga residente kung anong wika ang gusto nila at gagamitin ito sa bawat "
            "susunod na pakikipag-ugnayan."
        ),
        "ru": (
            "Языковой доступ. Каждое управление обязано:\n(a) предоставлять переводчиков на "
            "публичных собраниях и в окнах обслуживания без предварительной просьбы;\n(b) "
            "переводить важные письма, уведомления и формы на девять языков города; и\n(c) "
            "спрашивать жителей, какой язык они предпочитают, и использовать его при каждом "
            "следующем обращении."
        ),
        "ar": (
            "الوصول اللغوي. على كل إدارة:\n(أ) أن توفّر مترجمين فوريين في الاجتماعات العامة ونوافذ "
            "الخدمة دون طلب مسبق؛\n(ب) أن تترجم الرسائل والإشعارات والنماذج الأساسية إلى لغات "
            "المدينة التسع؛\n(ج) أن تسأل السكان عن اللغة التي يفضّلونها وتستخدمها في كل تواصل لاحق."
        ),
        "hmn": (
            "Kev pab txog lus. Txhua lub chaw haujlwm yuav tsum:\n(a) muaj neeg txhais lus ntawm "
            "cov rooj sib tham pej xeem thiab cov rooj muab kev pab yam tsis tas thov ua ntej;\n"
            "(b) txhais tej ntawv tseem ceeb, ntawv ceeb toom thiab ntawv sau npe ua cuaj hom lus "
            "ntawm Lub Nroog; thiab\n(c) nug cov neeg nyob hauv zej zog tias lawv nyiam hom lus "
            "twg thiab siv hom lus ntawd txhua zaus tom qab."
        ),
        "so": (
            "Helitaanka luqadda. Waax kasta waa inay:\n(a) bixisaa turjubaanno shirarka dadweynaha "
            "iyo miisaska adeegga iyada oo aan hore loo codsan;\n(b) u turjuntaa waraaqaha, "
            "ogeysiisyada iyo foomamka muhiimka ah sagaalka luqadood ee Magaalada; iyo\n(c) "
            "weydiisaa dadka deegaanka luqadda ay doorbidaan oo ku isticmaashaa xiriir kasta oo "
            "dambe."
        ),
    },
    (
        "Youth. The Library and Parks and Recreation shall keep places open for teenagers on "
        "weekday evenings and through the summer, planned with a paid youth council."
    ): {
        "es": (
            "Juventud. La Biblioteca y Parques y Recreación mantendrán lugares abiertos para "
            "adolescentes las tardes entre semana y durante el verano, planificados con un consejo "
            "juvenil remunerado."
        ),
        "zh-Hans": (
            "青少年。图书馆和公园与康乐局应在工作日晚间和整个夏天为青少年开放场所，并与一个有报酬的"
            "青年委员会共同规划。"
        ),
        "vi": (
            "Thanh thiếu niên. Thư viện và Sở Công viên và Giải trí phải giữ những nơi mở cửa cho "
            "thanh thiếu niên vào các buổi tối ngày thường và suốt mùa hè, được lên kế hoạch cùng "
            "một hội đồng thanh niên có lương."
        ),
        "tl": (
            "Kabataan. Panatilihing bukas ng Aklatan at ng Mga Parke at Libangan ang mga lugar "
            "para sa mga kabataan sa gabi tuwing karaniwang araw at buong tag-init, na pinaplano "
            "kasama ng isang may-bayad na konseho ng kabataan."
        ),
        "ru": (
            "Молодёжь. Библиотека и Управление парков и отдыха держат места для подростков "
            "открытыми по вечерам в будни и всё лето и планируют их вместе с оплачиваемым "
            "молодёжным советом."
        ),
        "ar": (
            "الشباب. تُبقي المكتبة وإدارة الحدائق والترفيه أماكن مفتوحة للمراهقين في أمسيات أيام "
            "الأسبوع وطوال الصيف، يُخطَّط لها مع مجلس شبابي مدفوع الأجر."
        ),
        "hmn": (
            "Cov hluas. Tsev Qiv Ntawv thiab Chaw Tiaj Ua Si thiab Kev Lom Zem yuav tsum qhib qhov "
            "chaw rau cov hluas thaum yav tsaus ntuj hnub ua haujlwm thiab thoob plaws lub caij "
            "ntuj sov, uas npaj nrog ib pawg thawj coj hluas uas tau nyiaj."
        ),
        "so": (
            "Dhallinyarada. Maktabadda iyo Beerta iyo Madadaaladu waxay u furnaan doonaan meelo "
            "dhallinyarada fiidadka maalmaha shaqada iyo xagaaga oo dhan, iyada oo lagu qorsheeyo "
            "gole dhallinyaro oo mushahar leh."
        ),
    },
    (
        "Crisis response. The City shall fund a team of counselors and medics to answer mental "
        "health crisis calls without police where it is safe to do so, and shall publish the "
        "team's results after its first year."
    ): {
        "es": (
            "Respuesta a crisis. La Ciudad financiará un equipo de consejeros y paramédicos que "
            "atienda las llamadas por crisis de salud mental sin policía cuando sea seguro "
            "hacerlo, y publicará los resultados del equipo después de su primer año."
        ),
        "zh-Hans": (
            "危机应对。市政府应资助一支由辅导员和医护人员组成的队伍，在安全的情况下无需警察出动即可"
            "处理心理健康危机求助，并在第一年结束后公布该队伍的成果。"
        ),
        "vi": (
            "Ứng phó khủng hoảng. Thành phố phải tài trợ một đội gồm người tư vấn và nhân viên y "
            "tế để trả lời các cuộc gọi khủng hoảng sức khỏe tâm thần mà không cần cảnh sát khi an "
            "toàn, và phải công bố kết quả của đội sau năm đầu tiên."
        ),
        "tl": (
            "Pagtugon sa krisis. Popondohan ng Lungsod ang isang pangkat ng mga tagapayo at medic "
            "na sasagot sa mga tawag tungkol sa krisis sa kalusugang pangkaisipan nang walang "
            "pulis kung ligtas ito, at ilalathala ang resulta ng pangkat pagkatapos ng unang taon "
            "nito."
        ),
        "ru": (
            "Реагирование на кризисы. Город финансирует бригаду консультантов и медиков, которая "
            "выезжает на вызовы по кризисам психического здоровья без полиции, когда это "
            "безопасно, и публикует результаты её работы после первого года."
        ),
        "ar": (
            "الاستجابة للأزمات. تموّل المدينة فريقًا من المستشارين والمسعفين للاستجابة لبلاغات "
            "أزمات الصحة النفسية دون شرطة حيثما كان ذلك آمنًا، وتنشر نتائج الفريق بعد عامه الأول."
        ),
        "hmn": (
            "Kev teb thaum muaj teeb meem loj. Lub Nroog yuav tsum muab nyiaj rau ib pab kws pab "
            "tswv yim thiab kws kho mob los teb cov xov tooj hu txog teeb meem kev puas siab puas "
            "ntsws yam tsis muaj tub ceev xwm thaum nyab xeeb, thiab yuav tsum tshaj tawm pab neeg "
            "ntawd tej txiaj ntsig tom qab thawj xyoo."
        ),
        "so": (
            "Ka jawaabidda xaaladaha qalafsan. Magaaladu waxay maalgelin doontaa koox "
            "la-taliyayaal iyo caawiyayaal caafimaad ah oo ka jawaabta wicitaannada xaaladaha "
            "caafimaadka maskaxda iyada oo aan booliis la joogin meesha ay nabad tahay, waxayna "
            "daabici doontaa natiijooyinka kooxda sannadkeeda koowaad kadib."
        ),
    },
    (
        "Housing stability. The City shall fund emergency rent assistance and free legal help for "
        "tenants facing eviction, and shall inspect apartments within two weeks of a tenant's "
        "repair request."
    ): {
        "es": (
            "Estabilidad de vivienda. La Ciudad financiará ayuda de emergencia para el alquiler y "
            "asistencia legal gratuita para inquilinos en riesgo de desalojo, e inspeccionará las "
            "viviendas dentro de las dos semanas siguientes a la solicitud de reparación de un "
            "inquilino."
        ),
        "zh-Hans": (
            "住房稳定。市政府应资助紧急租金援助，为面临驱逐的租户提供免费法律帮助，并在租户提出维修"
            "申请后两周内检查公寓。"
        ),
        "vi": (
            "Ổn định nhà ở. Thành phố phải tài trợ hỗ trợ tiền thuê nhà khẩn cấp và trợ giúp pháp "
            "lý miễn phí cho người thuê nhà đối mặt với việc bị đuổi, và phải kiểm tra căn hộ "
            "trong vòng hai tuần kể từ khi người thuê yêu cầu sửa chữa."
        ),
        "tl": (
            "Katatagan sa pabahay. Popondohan ng Lungsod ang pang-emerhensiyang tulong sa upa at "
            "libreng tulong legal para sa mga umuupang nahaharap sa pagpapaalis, at iinspeksiyunin "
            "ang mga apartment sa loob ng dalawang linggo mula sa kahilingan ng umuupa na "
            "magkumpuni."
        ),
        "ru": (
            "Стабильность жилья. Город финансирует экстренную помощь с арендной платой и "
            "бесплатную юридическую помощь жильцам, которым грозит выселение, и проверяет квартиры "
            "в течение двух недель после просьбы жильца о ремонте."
        ),
        "ar": (
            "استقرار السكن. تموّل المدينة مساعدة طارئة في الإيجار ومساعدة قانونية مجانية "
            "للمستأجرين المهدَّدين بالإخلاء، وتفتّش الشقق خلال أسبوعين من طلب المستأجر للإصلاح."
        ),
        "hmn": (
            "Kev ruaj khov ntawm vaj tse. Lub Nroog yuav tsum muab nyiaj pab them nqi xauj tsev "
            "thaum muaj xwm txheej ceev thiab kev pab txog kev cai lij choj pub dawb rau cov neeg "
            "xauj tsev uas yuav raug ntiab tawm, thiab yuav tsum tuaj saib chav tsev hauv ob lub "
            "lis piam tom qab tus neeg xauj tsev thov kho."
        ),
        "so": (
            "Xasilloonida guryaha. Magaaladu waxay maalgelin doontaa gargaar kiro degdeg ah iyo "
            "caawimaad sharci oo bilaash ah oo loogu talagalay kiraystayaasha laga saarayo, "
            "waxayna kormeeri doontaa guryaha muddo laba toddobaad gudahood ah kadib codsiga "
            "dayactirka ee kiraystaha."
        ),
    },
    (
        "Transit. The City shall ask the transit agency to run evening buses until midnight on the "
        "routes to hospitals and job centers, and shall add shelters and benches at busy bus stops."
    ): {
        "es": (
            "Transporte público. La Ciudad pedirá a la agencia de transporte que los autobuses "
            "nocturnos circulen hasta la medianoche en las rutas a hospitales y centros de empleo, "
            "y pondrá techos y bancas en las paradas con más pasajeros."
        ),
        "zh-Hans": (
            "公共交通。市政府应要求交通部门在通往医院和就业中心的线路上把晚间公交延长到午夜，并在繁"
            "忙的公交车站增设候车亭和长椅。"
        ),
        "vi": (
            "Giao thông công cộng. Thành phố phải đề nghị cơ quan giao thông cho xe buýt buổi tối "
            "chạy đến nửa đêm trên các tuyến đến bệnh viện và trung tâm việc làm, và phải lắp thêm "
            "mái che và ghế tại các trạm xe buýt đông người."
        ),
        "tl": (
            "Pampublikong sasakyan. Hihilingin ng Lungsod sa ahensiya ng transportasyon na "
            "patakbuhin ang mga bus sa gabi hanggang hatinggabi sa mga rutang papunta sa ospital "
            "at job center, at maglalagay ng silungan at upuan sa mga abalang hintayan ng bus."
        ),
        "ru": (
            "Общественный транспорт. Город просит транспортное агентство пустить вечерние автобусы "
            "до полуночи на маршрутах к больницам и центрам занятости и устанавливает навесы и "
            "скамейки на оживлённых остановках."
        ),
        "ar": (
            "النقل العام. تطلب المدينة من هيئة النقل تشغيل حافلات المساء حتى منتصف الليل على "
            "الخطوط المؤدية إلى المستشفيات ومراكز التوظيف، وتضيف مظلات ومقاعد في محطات الحافلات "
            "المزدحمة."
        ),
        "hmn": (
            "Tsheb npav. Lub Nroog yuav tsum thov lub koom haum tsheb npav kom khiav npav yav "
            "tsaus ntuj mus txog ib tag hmo ntawm txoj kev mus tsev kho mob thiab chaw nrhiav "
            "haujlwm, thiab yuav tsum ntxiv ru tsev thiab rooj zaum ntawm cov chaw tos npav uas "
            "neeg coob."
        ),
        "so": (
            "Gaadiidka dadweynaha. Magaaladu waxay ka codsan doontaa hay'adda gaadiidka inay "
            "basaska fiidkii wadaan ilaa saqda dhexe jidadka isbitaallada iyo xarumaha shaqada, "
            "waxayna ku dari doontaa hoy iyo kuraas boosteejooyinka baska ee mashquulka ah."
        ),
    },
    (
        "Parks and health. The City shall keep park restrooms open from dawn to dusk and shall "
        "bring a mobile clinic and free health screenings to the neighborhoods farthest from a "
        "clinic."
    ): {
        "es": (
            "Parques y salud. La Ciudad mantendrá abiertos los baños de los parques del amanecer "
            "al anochecer y llevará una clínica móvil y chequeos de salud gratuitos a los "
            "vecindarios más alejados de una clínica."
        ),
        "zh-Hans": (
            "公园与健康。市政府应让公园洗手间从黎明到黄昏开放，并把流动诊所和免费健康检查送到离诊所"
            "最远的社区。"
        ),
        "vi": (
            "Công viên và sức khỏe. Thành phố phải giữ nhà vệ sinh công viên mở cửa từ sáng sớm "
            "đến chiều tối và đưa phòng khám lưu động cùng các đợt khám sức khỏe miễn phí đến "
            "những khu phố xa phòng khám nhất."
        ),
        "tl": (
            "Mga parke at kalusugan. Panatilihing bukas ng Lungsod ang mga banyo sa parke mula "
            "madaling-araw hanggang takipsilim at magdadala ng mobile clinic at libreng health "
            "screening sa mga kapitbahayang pinakamalayo sa klinika."
        ),
        "ru": (
            "Парки и здоровье. Город держит туалеты в парках открытыми от рассвета до заката и "
            "привозит передвижную поликлинику и бесплатные обследования в районы, самые далёкие от "
            "поликлиник."
        ),
        "ar": (
            "الحدائق والصحة. تُبقي المدينة دورات مياه الحدائق مفتوحة من الفجر حتى الغسق، وتجلب "
            "عيادة متنقلة وفحوصًا صحية مجانية إلى الأحياء الأبعد عن العيادات."
        ),
        "hmn": (
            "Tiaj ua si thiab kev noj qab haus huv. Lub Nroog yuav tsum qhib chav dej hauv tiaj ua "
            "si txij kaj ntug mus txog tsaus ntuj thiab coj ib lub tsev kho mob txav tau thiab kev "
            "kuaj mob pub dawb mus rau cov zej zog uas nyob deb tsev kho mob tshaj plaws."
        ),
        "so": (
            "Beeraha iyo caafimaadka. Magaaladu waxay musqulaha beeraha u furnaan doontaa "
            "waaberiga ilaa fiidkii, waxayna rug caafimaad oo socota iyo baaritaanno caafimaad oo "
            "bilaash ah u keeni doontaa xaafadaha ugu fog rugaha caafimaadka."
        ),
    },
    (
        "Jobs. The City shall offer paid job training with childcare, help residents have licenses "
        "and degrees earned in other countries recognized, and set a local hiring goal for city "
        "construction projects."
    ): {
        "es": (
            "Empleo. La Ciudad ofrecerá capacitación laboral pagada con cuidado infantil, ayudará "
            "a los residentes a que se reconozcan las licencias y los títulos obtenidos en otros "
            "países, y fijará una meta de contratación local para las obras de la ciudad."
        ),
        "zh-Hans": (
            "就业。市政府应提供附带托儿服务的带薪职业培训，帮助居民使其在其他国家取得的执照和学位获"
            "得承认，并为市政建设项目设定本地招聘目标。"
        ),
        "vi": (
            "Việc làm. Thành phố phải mở đào tạo nghề có lương kèm giữ trẻ, giúp cư dân được công "
            "nhận giấy phép hành nghề và bằng cấp lấy ở nước khác, và đặt mục tiêu tuyển dụng "
            "người địa phương cho các công trình xây dựng của thành phố."
        ),
        "tl": (
            "Trabaho. Mag-aalok ang Lungsod ng may-bayad na pagsasanay sa trabaho na may alaga sa "
            "bata, tutulungan ang mga residente na makilala ang mga lisensya at diplomang nakuha "
            "sa ibang bansa, at magtatakda ng layunin sa lokal na pag-hire para sa mga proyekto ng "
            "konstruksiyon ng lungsod."
        ),
        "ru": (
            "Работа. Город предлагает оплачиваемое профессиональное обучение с присмотром за "
            "детьми, помогает жителям добиться признания лицензий и дипломов, полученных в других "
            "странах, и устанавливает цель найма местных жителей на городские стройки."
        ),
        "ar": (
            "الوظائف. تقدّم المدينة تدريبًا مهنيًا مدفوع الأجر مع رعاية للأطفال، وتساعد السكان على "
            "الاعتراف بالرخص والشهادات التي حصلوا عليها في بلدان أخرى، وتضع هدفًا للتوظيف المحلي "
            "في مشاريع البناء التابعة للمدينة."
        ),
        "hmn": (
            "Haujlwm. Lub Nroog yuav tsum muab kev cob qhia haujlwm uas them nyiaj nrog kev zov me "
            "nyuam, pab cov neeg nyob hauv zej zog kom tej daim ntawv tso cai thiab daim ntawv "
            "kawm tiav los ntawm lwm lub teb chaws raug lees paub, thiab teem lub hom phiaj ntiav "
            "neeg hauv zos rau lub nroog tej haujlwm tsim kho."
        ),
        "so": (
            "Shaqooyinka. Magaaladu waxay bixin doontaa tababar shaqo oo mushahar leh oo leh "
            "daryeel carruureed, waxay ka caawin doontaa dadka deegaanka in la aqoonsado shatiyada "
            "iyo shahaadooyinka laga helay dalal kale, waxayna dejin doontaa yool shaqaalaysiin "
            "maxalli ah oo loogu talagalay mashaariicda dhismaha magaalada."
        ),
    },
    (
        "Belonging. The City shall remove hateful graffiti within one working day and offer "
        "community center rooms free of charge to cultural groups and neighborhood events."
    ): {
        "es": (
            "Pertenencia. La Ciudad eliminará los grafitis de odio en un plazo de un día hábil y "
            "ofrecerá salas de los centros comunitarios sin costo a grupos culturales y eventos "
            "del vecindario."
        ),
        "zh-Hans": (
            "归属感。市政府应在一个工作日内清除仇恨涂鸦，并向文化团体和社区活动免费提供社区中心的房"
            "间。"
        ),
        "vi": (
            "Sự gắn bó. Thành phố phải xóa các hình vẽ bậy mang tính thù ghét trong vòng một ngày "
            "làm việc và cho các nhóm văn hóa và sự kiện khu phố dùng phòng của trung tâm cộng "
            "đồng miễn phí."
        ),
        "tl": (
            "Pagkakabilang. Aalisin ng Lungsod ang mapoot na graffiti sa loob ng isang araw ng "
            "trabaho at mag-aalok ng mga silid sa community center nang libre sa mga pangkat "
            "pangkultura at mga kaganapan sa kapitbahayan."
        ),
        "ru": (
            "Чувство общности. Город удаляет граффити ненависти в течение одного рабочего дня и "
            "бесплатно предоставляет залы общественных центров культурным группам и соседским "
            "мероприятиям."
        ),
        "ar": (
            "الانتماء. تزيل المدينة الكتابات الجدارية المسيئة خلال يوم عمل واحد، وتوفّر قاعات "
            "المراكز المجتمعية مجانًا للمجموعات الثقافية وفعاليات الأحياء."
        ),
        "hmn": (
            "Kev koom siab. Lub Nroog yuav tsum tshem tej duab kos ntxub ntxaug tawm hauv ib hnub "
            "ua haujlwm thiab muab cov chav hauv chaw zej zog pub dawb rau cov pab pawg kab lis "
            "kev cai thiab tej kev ua si hauv zej zog."
        ),
        "so": (
            "Ka-mid-ahaanshaha. Magaaladu waxay tirtiri doontaa qoraallada derbiyada ee nacaybka "
            "muddo hal maalin oo shaqo ah gudaheed, waxayna bilaash u siin doontaa qolalka "
            "xarumaha bulshada kooxaha dhaqanka iyo munaasabadaha xaafadda."
        ),
    },
    "Safe routes after dark": {
        "es": "Caminos seguros después del anochecer",
        "zh-Hans": "天黑后的安全路线",
        "vi": "Đường an toàn sau khi trời tối",
        "tl": "Ligtas na daan pagsapit ng dilim",
        "ru": "Безопасные маршруты в тёмное время",
        "ar": "طرق آمنة بعد حلول الظلام",
        "hmn": "Txoj kev nyab xeeb thaum tsaus ntuj",
        "so": "Waddooyin nabad ah habeenkii",
    },
    "Language access": {
        "es": "Acceso lingüístico",
        "zh-Hans": "语言服务",
        "vi": "Tiếp cận ngôn ngữ",
        "tl": "Akses sa wika",
        "ru": "Языковой доступ",
        "ar": "الوصول اللغوي",
        "hmn": "Kev pab txog lus",
        "so": "Helitaanka luqadda",
    },
    "Youth belonging": {
        "es": "Pertenencia de la juventud",
        "zh-Hans": "青少年归属感",
        "vi": "Sự gắn bó của thanh thiếu niên",
        "tl": "Pagkakabilang ng kabataan",
        "ru": "Молодёжь и чувство общности",
        "ar": "انتماء الشباب",
        "hmn": "Cov hluas txoj kev koom siab",
        "so": "Ka-mid-ahaanshaha dhallinyarada",
    },
    "Housing stability": {
        "es": "Estabilidad de vivienda",
        "zh-Hans": "住房稳定",
        "vi": "Ổn định nhà ở",
        "tl": "Katatagan sa pabahay",
        "ru": "Стабильность жилья",
        "ar": "استقرار السكن",
        "hmn": "Kev ruaj khov ntawm vaj tse",
        "so": "Xasilloonida guryaha",
    },
    "Buses people can count on": {
        "es": "Autobuses con los que se pueda contar",
        "zh-Hans": "靠得住的公交车",
        "vi": "Xe buýt mà người dân có thể trông cậy",
        "tl": "Mga bus na maaasahan",
        "ru": "Автобусы, на которые можно положиться",
        "ar": "حافلات يمكن الاعتماد عليها",
        "hmn": "Npav uas tso siab tau",
        "so": "Basas lagu kalsoonaan karo",
    },
    "Parks and health": {
        "es": "Parques y salud",
        "zh-Hans": "公园与健康",
        "vi": "Công viên và sức khỏe",
        "tl": "Mga parke at kalusugan",
        "ru": "Парки и здоровье",
        "ar": "الحدائق والصحة",
        "hmn": "Tiaj ua si thiab kev noj qab haus huv",
        "so": "Beeraha iyo caafimaadka",
    },
    "Good jobs close to home": {
        "es": "Buenos empleos cerca de casa",
        "zh-Hans": "家门口的好工作",
        "vi": "Việc làm tốt gần nhà",
        "tl": "Magandang trabaho malapit sa tahanan",
        "ru": "Хорошая работа рядом с домом",
        "ar": "وظائف جيدة قريبة من المنزل",
        "hmn": "Haujlwm zoo ze tsev",
        "so": "Shaqooyin wanaagsan oo guriga u dhow",
    },
    "Neighbors who know each other": {
        "es": "Vecinos que se conocen",
        "zh-Hans": "彼此认识的邻居",
        "vi": "Hàng xóm biết nhau",
        "tl": "Mga kapitbahay na magkakakilala",
        "ru": "Соседи, которые знают друг друга",
        "ar": "جيران يعرف بعضهم بعضًا",
        "hmn": "Cov neeg zej zog uas sib paub",
        "so": "Deris is yaqaan",
    },
    "Survey lighting on the ten busiest walking routes and fix gaps": {
        "es": (
            "Revisar el alumbrado en los diez caminos peatonales más transitados y cubrir lo que "
            "falte"
        ),
        "zh-Hans": "调查十条最繁忙步行路线的照明并补齐缺口",
        "vi": "Khảo sát đèn đường trên mười tuyến đi bộ đông nhất và khắc phục chỗ thiếu",
        "tl": "Suriin ang ilaw sa sampung pinakaabalang daanan at punan ang mga kulang",
        "ru": (
            "Обследовать освещение на десяти самых оживлённых пешеходных маршрутах и устранить "
            "пробелы"
        ),
        "ar": "مسح الإنارة على أكثر عشرة طرق مشي ازدحامًا وسدّ الثغرات",
        "hmn": (
            "Tshawb xyuas teeb ntawm kaum txoj kev taug kev uas neeg coob tshaj plaws thiab kho "
            "qhov tsis txaus"
        ),
        "so": "Sahan nalalka tobanka waddo ee lugta ugu mashquulsan oo buuxi meelaha ka dhiman",
    },
    "Repair reported street lights within ten working days and text the person who reported it": {
        "es": (
            "Reparar las luces reportadas en diez días hábiles y enviar un mensaje a quien lo "
            "reportó"
        ),
        "zh-Hans": "在十个工作日内修好报告的路灯，并发短信通知报告人",
        "vi": "Sửa đèn đường được báo hỏng trong mười ngày làm việc và nhắn tin cho người đã báo",
        "tl": (
            "Kumpunihin ang iniulat na ilaw sa kalye sa loob ng sampung araw ng trabaho at i-text "
            "ang nag-ulat"
        ),
        "ru": (
            "Чинить фонари, о которых сообщили, в течение десяти рабочих дней и писать сообщившему"
        ),
        "ar": "إصلاح أعمدة الإنارة المبلَّغ عنها خلال عشرة أيام عمل وإرسال رسالة نصية إلى من أبلغ",
        "hmn": (
            "Kho cov teeb uas tau qhia hauv kaum hnub ua haujlwm thiab xa ntawv rau tus neeg uas "
            "tau qhia"
        ),
        "so": (
            "Hagaaji nalalka la soo sheegay toban maalmood oo shaqo gudahood oo fariin u dir "
            "qofkii soo sheegay"
        ),
    },
    (
        "Repair sidewalks and curb ramps on the routes to Lincoln Middle School and the senior "
        "apartments"
    ): {
        "es": (
            "Reparar aceras y rampas en los caminos a la Escuela Secundaria Lincoln y a los "
            "apartamentos para mayores"
        ),
        "zh-Hans": "修复通往林肯中学和长者公寓路线上的人行道和路缘坡道",
        "vi": (
            "Sửa vỉa hè và dốc lề đường trên các tuyến đến Trường Trung học Cơ sở Lincoln và khu "
            "căn hộ người cao tuổi"
        ),
        "tl": (
            "Kumpunihin ang mga bangketa at rampa sa mga daan papunta sa Lincoln Middle School at "
            "sa mga apartment ng matatanda"
        ),
        "ru": (
            "Отремонтировать тротуары и съезды на пути к средней школе Линкольна и к домам для "
            "пожилых"
        ),
        "ar": (
            "إصلاح الأرصفة ومنحدراتها على الطرق المؤدية إلى مدرسة لينكولن المتوسطة وشقق كبار السن"
        ),
        "hmn": (
            "Kho txoj kev taug kev thiab qhov nqes ntug kev ntawm txoj kev mus Lincoln Middle "
            "School thiab cov tsev rau cov laus"
        ),
        "so": (
            "Hagaaji waddooyinka lugta iyo jaranjarooyinka cidhifka jidadka Dugsiga Dhexe ee "
            "Lincoln iyo guryaha waayeelka"
        ),
    },
    "Rebuild the cracked curb ramps at Fifth and Lincoln": {
        "es": "Reconstruir las rampas agrietadas en la Quinta y Lincoln",
        "zh-Hans": "重建第五街与林肯大道路口开裂的路缘坡道",
        "vi": "Làm lại các dốc lề đường bị nứt ở góc đường Fifth và Lincoln",
        "tl": "Itayong muli ang mga basag na rampa sa Fifth at Lincoln",
        "ru": "Перестроить потрескавшиеся съезды на углу Пятой и Линкольна",
        "ar": "إعادة بناء منحدرات الأرصفة المتشققة عند تقاطع فيفث ولينكولن",
        "hmn": "Rov ua cov qhov nqes ntug kev uas tawg ntawm Fifth thiab Lincoln",
        "so": "Dib u dhis jaranjarooyinka cidhifka ee dildillaacay ee Fifth iyo Lincoln",
    },
    "Add a signalled crosswalk on Ferry Road between the school and the apartments": {
        "es": (
            "Poner un cruce peatonal con semáforo en Ferry Road entre la escuela y los apartamentos"
        ),
        "zh-Hans": "在学校和公寓之间的渡口路增设带信号灯的人行横道",
        "vi": (
            "Thêm lối sang đường có đèn tín hiệu trên đường Ferry giữa trường học và khu chung cư"
        ),
        "tl": (
            "Maglagay ng tawirang may ilaw-trapiko sa Ferry Road sa pagitan ng paaralan at mga "
            "apartment"
        ),
        "ru": "Сделать регулируемый переход на Ферри-роуд между школой и жилым комплексом",
        "ar": "إضافة معبر مشاة بإشارة ضوئية على طريق فيري بين المدرسة والشقق",
        "hmn": (
            "Ntxiv ib qho hla kev uas muaj teeb liab ntawm Ferry Road nruab nrab ntawm tsev kawm "
            "ntawv thiab cov tsev"
        ),
        "so": "Ku dar meel laga gudbo oo nal leh Ferry Road inta u dhaxaysa dugsiga iyo guryaha",
    },
    "Translate vital letters, notices and forms into the nine city languages": {
        "es": "Traducir cartas, avisos y formularios esenciales a los nueve idiomas de la ciudad",
        "zh-Hans": "将重要信件、通知和表格翻译成本市的九种语言",
        "vi": "Dịch thư từ, thông báo và mẫu đơn quan trọng sang chín ngôn ngữ của thành phố",
        "tl": "Isalin ang mahahalagang sulat, abiso at porma sa siyam na wika ng lungsod",
        "ru": "Перевести важные письма, уведомления и формы на девять языков города",
        "ar": "ترجمة الرسائل والإشعارات والنماذج الأساسية إلى لغات المدينة التسع",
        "hmn": (
            "Txhais tej ntawv tseem ceeb, ntawv ceeb toom thiab ntawv sau npe ua cuaj hom lus "
            "ntawm lub nroog"
        ),
        "so": (
            "U turjun waraaqaha, ogeysiisyada iyo foomamka muhiimka ah sagaalka luqadood ee "
            "magaalada"
        ),
    },
    "Book interpreters for every public meeting by default": {
        "es": "Contratar intérpretes para todas las reuniones públicas por defecto",
        "zh-Hans": "默认为每次公开会议预约口译员",
        "vi": "Mặc định đặt thông dịch viên cho mọi cuộc họp công cộng",
        "tl": "Awtomatikong mag-book ng interpreter para sa bawat pampublikong pulong",
        "ru": "По умолчанию приглашать переводчиков на каждое публичное собрание",
        "ar": "حجز مترجمين فوريين لكل اجتماع عام بشكل تلقائي",
        "hmn": "Teem neeg txhais lus rau txhua lub rooj sib tham pej xeem ib txwm",
        "so": "Si caadi ah u ballan turjubaanno shir kasta oo dadweyne",
    },
    "Record each resident's preferred language in city service requests": {
        "es": "Registrar el idioma preferido de cada residente en las solicitudes de servicio",
        "zh-Hans": "在市政服务申请中记录每位居民的首选语言",
        "vi": "Ghi lại ngôn ngữ ưa dùng của từng cư dân trong các yêu cầu dịch vụ của thành phố",
        "tl": "Itala ang gustong wika ng bawat residente sa mga kahilingan sa serbisyo ng lungsod",
        "ru": "Записывать предпочитаемый язык каждого жителя в обращениях в городские службы",
        "ar": "تسجيل اللغة المفضّلة لكل ساكن في طلبات خدمات المدينة",
        "hmn": (
            "Sau txhua tus neeg hom lus uas nyiam rau hauv cov ntawv thov kev pab ntawm lub nroog"
        ),
        "so": "Ku diiwaangeli luqadda uu doorbido qof kasta codsiyada adeegga magaalada",
    },
    "Hire and train community interpreters from the neighborhoods": {
        "es": "Contratar y formar intérpretes comunitarios de los propios vecindarios",
        "zh-Hans": "从各社区招聘并培训社区口译员",
        "vi": "Tuyển dụng và đào tạo thông dịch viên cộng đồng từ chính các khu phố",
        "tl": "Mag-hire at magsanay ng mga interpreter ng komunidad mula sa mga kapitbahayan",
        "ru": "Нанимать и обучать переводчиков из самих районов",
        "ar": "توظيف مترجمين مجتمعيين من الأحياء وتدريبهم",
        "hmn": "Ntiav thiab cob qhia cov neeg txhais lus hauv zej zog los ntawm cov zej zog",
        "so": "Shaqaalee oo tababar turjubaanno bulsho oo ka yimid xaafadaha",
    },
    "Open two library branches late on Fridays for teens": {
        "es": "Abrir dos sucursales de la biblioteca hasta tarde los viernes para adolescentes",
        "zh-Hans": "每周五为青少年延长两家图书馆分馆的开放时间",
        "vi": "Mở cửa muộn hai chi nhánh thư viện vào thứ Sáu cho thanh thiếu niên",
        "tl": (
            "Buksan nang gabi ang dalawang sangay ng aklatan tuwing Biyernes para sa mga kabataan"
        ),
        "ru": "Открыть два филиала библиотеки допоздна по пятницам для подростков",
        "ar": "فتح فرعين من فروع المكتبة حتى وقت متأخر أيام الجمعة للمراهقين",
        "hmn": "Qhib ob lub tsev qiv ntawv mus txog lig rau hnub Friday rau cov hluas",
        "so": (
            "Laba laamood oo maktabadda ah u fur ilaa habeen dambe maalmaha Jimcaha dhallinyarada"
        ),
    },
    "Form a paid youth council that advises the parks board": {
        "es": "Crear un consejo juvenil remunerado que asesore a la junta de parques",
        "zh-Hans": "成立一个有报酬的青年委员会，为公园委员会提供建议",
        "vi": "Thành lập một hội đồng thanh niên có lương để tư vấn cho ban công viên",
        "tl": "Bumuo ng may-bayad na konseho ng kabataan na magpapayo sa lupon ng mga parke",
        "ru": "Создать оплачиваемый молодёжный совет, который консультирует совет по паркам",
        "ar": "تشكيل مجلس شبابي مدفوع الأجر يقدّم المشورة لمجلس الحدائق",
        "hmn": (
            "Tsim ib pawg thawj coj hluas uas tau nyiaj los muab tswv yim rau pawg saib xyuas tiaj "
            "ua si"
        ),
        "so": "Samee gole dhallinyaro oo mushahar leh oo la taliya guddiga beeraha",
    },
    "Free summer programs in three parks, with a late bus home": {
        "es": (
            "Programas de verano gratuitos en tres parques, con un autobús de regreso por la noche"
        ),
        "zh-Hans": "在三个公园开设免费暑期活动，并提供晚班车送大家回家",
        "vi": "Chương trình hè miễn phí ở ba công viên, có xe buýt muộn đưa về nhà",
        "tl": "Libreng programa sa tag-init sa tatlong parke, may huling bus pauwi",
        "ru": "Бесплатные летние программы в трёх парках и поздний автобус домой",
        "ar": "برامج صيفية مجانية في ثلاث حدائق، مع حافلة متأخرة للعودة إلى المنزل",
        "hmn": (
            "Kev kawm lub caij ntuj sov pub dawb hauv peb lub tiaj ua si, nrog npav lig rov qab "
            "los tsev"
        ),
        "so": (
            "Barnaamijyo xagaa oo bilaash ah saddex beerood, oo leh bas dambe oo guriga ku celiya"
        ),
    },
    "Pilot a counselor and medic team for mental health crisis calls": {
        "es": (
            "Poner a prueba un equipo de consejeros y paramédicos para llamadas por crisis de "
            "salud mental"
        ),
        "zh-Hans": "试行由辅导员和医护人员组成的心理健康危机求助队伍",
        "vi": (
            "Thí điểm một đội người tư vấn và nhân viên y tế cho các cuộc gọi khủng hoảng sức khỏe "
            "tâm thần"
        ),
        "tl": (
            "Subukan ang isang pangkat ng tagapayo at medic para sa mga tawag tungkol sa krisis sa "
            "kalusugang pangkaisipan"
        ),
        "ru": (
            "Запустить пилотную бригаду консультантов и медиков для вызовов по кризисам "
            "психического здоровья"
        ),
        "ar": "تجربة فريق من المستشارين والمسعفين لبلاغات أزمات الصحة النفسية",
        "hmn": (
            "Sim ib pab kws pab tswv yim thiab kws kho mob rau cov xov tooj hu txog teeb meem kev "
            "puas siab puas ntsws"
        ),
        "so": (
            "Tijaabi koox la-taliyayaal iyo caawiyayaal caafimaad oo loogu talagalay wicitaannada "
            "caafimaadka maskaxda"
        ),
    },
    "Train 911 dispatchers to send mental health calls to the crisis team": {
        "es": (
            "Capacitar a los operadores del 911 para enviar las llamadas de salud mental al equipo "
            "de crisis"
        ),
        "zh-Hans": "培训911调度员把心理健康求助转给危机队伍",
        "vi": (
            "Đào tạo nhân viên điều phối 911 chuyển các cuộc gọi sức khỏe tâm thần cho đội khủng "
            "hoảng"
        ),
        "tl": (
            "Sanayin ang mga dispatcher ng 911 na ipasa sa pangkat pangkrisis ang mga tawag "
            "tungkol sa kalusugang pangkaisipan"
        ),
        "ru": (
            "Обучить диспетчеров 911 передавать вызовы по психическому здоровью кризисной бригаде"
        ),
        "ar": "تدريب موظفي 911 على تحويل بلاغات الصحة النفسية إلى فريق الأزمات",
        "hmn": (
            "Cob qhia cov neeg txais xov tooj 911 kom xa cov xov tooj txog kev puas siab puas "
            "ntsws mus rau pab neeg pab teeb meem"
        ),
        "so": (
            "Tababar shaqaalaha 911 inay wicitaannada caafimaadka maskaxda u gudbiyaan kooxda "
            "xaaladaha qalafsan"
        ),
    },
    "Publish the pilot's results after its first year": {
        "es": "Publicar los resultados de la prueba después de su primer año",
        "zh-Hans": "第一年结束后公布试点成果",
        "vi": "Công bố kết quả thí điểm sau năm đầu tiên",
        "tl": "Ilathala ang resulta ng pagsubok pagkatapos ng unang taon",
        "ru": "Опубликовать результаты пилотного проекта после первого года",
        "ar": "نشر نتائج التجربة بعد عامها الأول",
        "hmn": "Tshaj tawm qhov kev sim tej txiaj ntsig tom qab thawj xyoo",
        "so": "Daabac natiijooyinka tijaabada sannadka koowaad kadib",
    },
    "Naloxone and overdose response training at libraries and recreation centers": {
        "es": (
            "Capacitación en naloxona y respuesta a sobredosis en bibliotecas y centros recreativos"
        ),
        "zh-Hans": "在图书馆和康乐中心开展纳洛酮和药物过量应对培训",
        "vi": "Đào tạo sử dụng naloxone và ứng phó quá liều tại thư viện và trung tâm giải trí",
        "tl": "Pagsasanay sa naloxone at pagtugon sa overdose sa mga aklatan at recreation center",
        "ru": (
            "Обучение применению налоксона и помощи при передозировке в библиотеках и центрах "
            "досуга"
        ),
        "ar": "تدريب على النالوكسون والاستجابة لحالات الجرعة الزائدة في المكتبات ومراكز الترفيه",
        "hmn": (
            "Kev cob qhia txog naloxone thiab kev pab thaum siv tshuaj ntau dhau ntawm tsev qiv "
            "ntawv thiab chaw ua si"
        ),
        "so": (
            "Tababar naloxone iyo ka jawaabidda qaadashada daawo xad-dhaaf ah maktabadaha iyo "
            "xarumaha madadaalada"
        ),
    },
    "Emergency rent assistance paid before the eviction date": {
        "es": "Ayuda de emergencia para el alquiler pagada antes de la fecha de desalojo",
        "zh-Hans": "在驱逐日期之前发放紧急租金援助",
        "vi": "Hỗ trợ tiền thuê nhà khẩn cấp được chi trả trước ngày bị đuổi",
        "tl": "Pang-emerhensiyang tulong sa upa na binabayaran bago ang petsa ng pagpapaalis",
        "ru": "Экстренная помощь с арендной платой до даты выселения",
        "ar": "مساعدة طارئة في الإيجار تُدفع قبل موعد الإخلاء",
        "hmn": (
            "Nyiaj pab them nqi xauj tsev thaum muaj xwm txheej ceev uas them ua ntej hnub raug "
            "ntiab tawm"
        ),
        "so": "Gargaar kiro degdeg ah oo la bixiyo ka hor taariikhda guri-ka-saarista",
    },
    "Free legal help for tenants facing eviction": {
        "es": "Asistencia legal gratuita para inquilinos en riesgo de desalojo",
        "zh-Hans": "为面临驱逐的租户提供免费法律帮助",
        "vi": "Trợ giúp pháp lý miễn phí cho người thuê nhà đối mặt với việc bị đuổi",
        "tl": "Libreng tulong legal para sa mga umuupang nahaharap sa pagpapaalis",
        "ru": "Бесплатная юридическая помощь жильцам, которым грозит выселение",
        "ar": "مساعدة قانونية مجانية للمستأجرين المهدَّدين بالإخلاء",
        "hmn": (
            "Kev pab txog kev cai lij choj pub dawb rau cov neeg xauj tsev uas yuav raug ntiab tawm"
        ),
        "so": "Caawimaad sharci oo bilaash ah oo loogu talagalay kiraystayaasha laga saarayo",
    },
    "Inspect apartments within two weeks of a tenant's repair request": {
        "es": (
            "Inspeccionar las viviendas dentro de las dos semanas siguientes a la solicitud de "
            "reparación"
        ),
        "zh-Hans": "在租户提出维修申请后两周内检查公寓",
        "vi": "Kiểm tra căn hộ trong vòng hai tuần kể từ khi người thuê yêu cầu sửa chữa",
        "tl": (
            "Inspeksiyunin ang mga apartment sa loob ng dalawang linggo mula sa kahilingan ng "
            "umuupa"
        ),
        "ru": "Проверять квартиры в течение двух недель после просьбы жильца о ремонте",
        "ar": "تفتيش الشقق خلال أسبوعين من طلب المستأجر للإصلاح",
        "hmn": "Tuaj saib chav tsev hauv ob lub lis piam tom qab tus neeg xauj tsev thov kho",
        "so": "Kormeer guryaha laba toddobaad gudahood kadib codsiga dayactirka kiraystaha",
    },
    "Study a limit on yearly rent increases": {
        "es": "Estudiar un límite al aumento anual del alquiler",
        "zh-Hans": "研究限制每年房租涨幅",
        "vi": "Nghiên cứu giới hạn mức tăng tiền thuê nhà hằng năm",
        "tl": "Pag-aralan ang limitasyon sa taunang pagtaas ng upa",
        "ru": "Изучить ограничение ежегодного роста арендной платы",
        "ar": "دراسة وضع حدّ للزيادة السنوية في الإيجار",
        "hmn": "Kawm txog kev txwv nqi xauj tsev nce txhua xyoo",
        "so": "Daraas xaddidaadda kororka kirada sannadlaha ah",
    },
    "Ask the transit agency to run routes 7 and 12 until midnight": {
        "es": "Pedir a la agencia de transporte que las rutas 7 y 12 circulen hasta la medianoche",
        "zh-Hans": "要求交通部门把7路和12路的运营时间延长到午夜",
        "vi": "Đề nghị cơ quan giao thông cho tuyến 7 và 12 chạy đến nửa đêm",
        "tl": (
            "Hilingin sa ahensiya ng transportasyon na patakbuhin ang mga ruta 7 at 12 hanggang "
            "hatinggabi"
        ),
        "ru": "Попросить транспортное агентство пустить маршруты 7 и 12 до полуночи",
        "ar": "الطلب من هيئة النقل تشغيل الخطّين 7 و12 حتى منتصف الليل",
        "hmn": "Thov lub koom haum tsheb npav kom khiav txoj kab 7 thiab 12 mus txog ib tag hmo",
        "so": "Ka codso hay'adda gaadiidka inay wadaan khadadka 7 iyo 12 ilaa saqda dhexe",
    },
    "Shelters and benches at the twenty busiest bus stops": {
        "es": "Techos y bancas en las veinte paradas de autobús con más pasajeros",
        "zh-Hans": "在二十个最繁忙的公交车站设置候车亭和长椅",
        "vi": "Mái che và ghế tại hai mươi trạm xe buýt đông nhất",
        "tl": "Mga silungan at upuan sa dalawampung pinakaabalang hintayan ng bus",
        "ru": "Навесы и скамейки на двадцати самых оживлённых остановках",
        "ar": "مظلات ومقاعد في أكثر عشرين محطة حافلات ازدحامًا",
        "hmn": (
            "Ru tsev thiab rooj zaum ntawm nees nkaum lub chaw tos npav uas neeg coob tshaj plaws"
        ),
        "so": "Hoy iyo kuraas labaatanka boosteejo ee baska ugu mashquulsan",
    },
    "Reduced fares for students, seniors and low-income riders": {
        "es": "Tarifas reducidas para estudiantes, personas mayores y pasajeros de bajos ingresos",
        "zh-Hans": "为学生、长者和低收入乘客提供优惠票价",
        "vi": "Giảm giá vé cho học sinh, người cao tuổi và người có thu nhập thấp",
        "tl": (
            "Mas mababang pamasahe para sa mga estudyante, nakatatanda at pasaherong mababa ang "
            "kita"
        ),
        "ru": "Льготный проезд для учащихся, пожилых и малоимущих пассажиров",
        "ar": "أجور مخفّضة للطلاب وكبار السن وذوي الدخل المنخفض",
        "hmn": (
            "Nqi tsheb txo rau cov tub ntxhais kawm ntawv, cov laus thiab cov neeg caij uas tau "
            "nyiaj tsawg"
        ),
        "so": "Qiimo dhimis ah ardayda, waayeelka iyo rakaabka dakhligoodu yar yahay",
    },
    "Open park restrooms from dawn to dusk and clean them daily": {
        "es": "Abrir los baños de los parques del amanecer al anochecer y limpiarlos a diario",
        "zh-Hans": "公园洗手间从黎明到黄昏开放并每天清洁",
        "vi": "Mở nhà vệ sinh công viên từ sáng sớm đến chiều tối và dọn dẹp hằng ngày",
        "tl": (
            "Buksan ang mga banyo sa parke mula madaling-araw hanggang takipsilim at linisin "
            "araw-araw"
        ),
        "ru": "Открыть туалеты в парках от рассвета до заката и убирать их ежедневно",
        "ar": "فتح دورات مياه الحدائق من الفجر حتى الغسق وتنظيفها يوميًا",
        "hmn": (
            "Qhib chav dej hauv tiaj ua si txij kaj ntug mus txog tsaus ntuj thiab ntxuav txhua "
            "hnub"
        ),
        "so": "Fur musqulaha beeraha waaberiga ilaa fiidkii oo nadiifi maalin kasta",
    },
    "Monthly mobile clinic visits at the apartment complexes": {
        "es": "Visitas mensuales de una clínica móvil a los complejos de apartamentos",
        "zh-Hans": "流动诊所每月到公寓小区巡诊",
        "vi": "Phòng khám lưu động đến các khu chung cư hằng tháng",
        "tl": "Buwanang pagbisita ng mobile clinic sa mga apartment complex",
        "ru": "Ежемесячные приезды передвижной поликлиники в жилые комплексы",
        "ar": "زيارات شهرية لعيادة متنقلة إلى مجمعات الشقق",
        "hmn": "Lub tsev kho mob txav tau tuaj xyuas cov tsev nyob txhua lub hlis",
        "so": "Booqashooyin bille ah oo rug caafimaad oo socota ku timaado dhismayaasha guryaha",
    },
    "Lights at the Lincoln Park soccer field": {
        "es": "Luces en la cancha de fútbol del Parque Lincoln",
        "zh-Hans": "为林肯公园足球场安装照明",
        "vi": "Đèn chiếu sáng tại sân bóng đá Công viên Lincoln",
        "tl": "Mga ilaw sa soccer field ng Lincoln Park",
        "ru": "Освещение футбольного поля в парке Линкольна",
        "ar": "إنارة ملعب كرة القدم في حديقة لينكولن",
        "hmn": "Teeb ntawm tshav ncaws pob hauv Lincoln Park",
        "so": "Nalal garoonka kubbadda cagta ee Beerta Lincoln",
    },
    "Paid job training with childcare at the job center": {
        "es": "Capacitación laboral pagada con cuidado infantil en el centro de empleo",
        "zh-Hans": "在就业中心提供附带托儿服务的带薪职业培训",
        "vi": "Đào tạo nghề có lương kèm giữ trẻ tại trung tâm việc làm",
        "tl": "May-bayad na pagsasanay sa trabaho na may alaga sa bata sa job center",
        "ru": "Оплачиваемое обучение с присмотром за детьми в центре занятости",
        "ar": "تدريب مهني مدفوع الأجر مع رعاية للأطفال في مركز التوظيف",
        "hmn": (
            "Kev cob qhia haujlwm uas them nyiaj nrog kev zov me nyuam ntawm chaw nrhiav haujlwm"
        ),
        "so": "Tababar shaqo oo mushahar leh oo leh daryeel carruureed xarunta shaqada",
    },
    "Help residents have licenses and degrees from other countries recognized": {
        "es": "Ayudar a los residentes a que se reconozcan sus licencias y títulos de otros países",
        "zh-Hans": "帮助居民使其在其他国家取得的执照和学位获得承认",
        "vi": "Giúp cư dân được công nhận giấy phép hành nghề và bằng cấp từ nước khác",
        "tl": (
            "Tulungan ang mga residente na makilala ang kanilang mga lisensya at diploma mula sa "
            "ibang bansa"
        ),
        "ru": "Помогать жителям добиться признания лицензий и дипломов из других стран",
        "ar": "مساعدة السكان على الاعتراف برخصهم وشهاداتهم من بلدان أخرى",
        "hmn": (
            "Pab cov neeg nyob hauv zej zog kom lawv daim ntawv tso cai thiab daim ntawv kawm tiav "
            "los ntawm lwm lub teb chaws raug lees paub"
        ),
        "so": (
            "Ka caawi dadka deegaanka in la aqoonsado shatiyadooda iyo shahaadooyinkooda dalal kale"
        ),
    },
    "Local hiring goal for city construction projects": {
        "es": "Meta de contratación local para las obras de la ciudad",
        "zh-Hans": "为市政建设项目设定本地招聘目标",
        "vi": "Mục tiêu tuyển dụng người địa phương cho các công trình của thành phố",
        "tl": "Layunin sa lokal na pag-hire para sa mga proyekto ng konstruksiyon ng lungsod",
        "ru": "Цель найма местных жителей на городские стройки",
        "ar": "هدف للتوظيف المحلي في مشاريع البناء التابعة للمدينة",
        "hmn": "Lub hom phiaj ntiav neeg hauv zos rau lub nroog tej haujlwm tsim kho",
        "so": "Yool shaqaalaysiin maxalli ah oo loogu talagalay mashaariicda dhismaha magaalada",
    },
    "Remove hateful graffiti within one working day": {
        "es": "Eliminar los grafitis de odio en un plazo de un día hábil",
        "zh-Hans": "在一个工作日内清除仇恨涂鸦",
        "vi": "Xóa hình vẽ bậy mang tính thù ghét trong vòng một ngày làm việc",
        "tl": "Alisin ang mapoot na graffiti sa loob ng isang araw ng trabaho",
        "ru": "Удалять граффити ненависти в течение одного рабочего дня",
        "ar": "إزالة الكتابات الجدارية المسيئة خلال يوم عمل واحد",
        "hmn": "Tshem tej duab kos ntxub ntxaug tawm hauv ib hnub ua haujlwm",
        "so": "Tirtir qoraallada derbiyada ee nacaybka hal maalin oo shaqo gudaheed",
    },
    "Free community center rooms for cultural groups": {
        "es": "Salas gratuitas en los centros comunitarios para grupos culturales",
        "zh-Hans": "社区中心房间免费提供给文化团体",
        "vi": "Phòng miễn phí tại trung tâm cộng đồng cho các nhóm văn hóa",
        "tl": "Libreng silid sa community center para sa mga pangkat pangkultura",
        "ru": "Бесплатные залы в общественных центрах для культурных групп",
        "ar": "قاعات مجانية في المراكز المجتمعية للمجموعات الثقافية",
        "hmn": "Chav pub dawb hauv chaw zej zog rau cov pab pawg kab lis kev cai",
        "so": "Qolal bilaash ah oo xarumaha bulshada ah oo loogu talagalay kooxaha dhaqanka",
    },
    "Neighborhood ambassadors from each language group": {
        "es": "Embajadores vecinales de cada grupo lingüístico",
        "zh-Hans": "来自各语言群体的社区大使",
        "vi": "Đại sứ khu phố từ mỗi nhóm ngôn ngữ",
        "tl": "Mga embahador ng kapitbahayan mula sa bawat pangkat ng wika",
        "ru": "Соседские послы от каждой языковой группы",
        "ar": "سفراء للأحياء من كل مجموعة لغوية",
        "hmn": "Cov neeg sawv cev hauv zej zog los ntawm txhua pawg lus",
        "so": "Safiirro xaafadeed oo ka yimid koox luqadeed kasta",
    },
    (
        "WHEREAS, this fall the City of Maple Valley held listening sessions at a school, a senior "
        "center and an apartment community room, with interpreters, where residents spoke at small "
        "tables about what makes them feel safe and welcome in their neighborhoods; and"
    ): {
        "es": (
            "CONSIDERANDO que este otoño la Ciudad de Maple Valley realizó sesiones para escuchar "
            "a la comunidad en una escuela, un centro para personas mayores y un salón comunitario "
            "de apartamentos, con intérpretes, donde los residentes hablaron en mesas pequeñas "
            "sobre lo que les hace sentirse seguros y bienvenidos en sus vecindarios; y"
        ),
        "zh-Hans": (
            "鉴于今年秋天，枫谷市在一所学校、一个长者中心和一个公寓社区活动室举办了配有口译的倾听会"
            "，居民们围坐在小桌旁，讲述了让他们在社区中感到安全和受欢迎的因素；以及"
        ),
        "vi": (
            "XÉT RẰNG mùa thu này Thành phố Maple Valley đã tổ chức các buổi lắng nghe tại một "
            "trường học, một trung tâm người cao tuổi và một phòng sinh hoạt của khu chung cư, có "
            "thông dịch viên, nơi cư dân ngồi quanh những bàn nhỏ nói về điều giúp họ cảm thấy an "
            "toàn và được chào đón trong khu phố; và"
        ),
        "tl": (
            "YAMANG ngayong taglagas ay nagdaos ang Lungsod ng Maple Valley ng mga sesyon ng "
            "pakikinig sa isang paaralan, isang senior center at isang community room ng "
            "apartment, na may mga interpreter, kung saan nagsalita ang mga residente sa maliliit "
            "na mesa tungkol sa nagpaparamdam sa kanila na ligtas at tanggap sa kanilang "
            "kapitbahayan; at"
        ),
        "ru": (
            "ПРИНИМАЯ ВО ВНИМАНИЕ, что этой осенью город Мейпл-Вэлли провёл встречи с жителями в "
            "школе, центре для пожилых и общей комнате жилого комплекса с переводчиками, где "
            "жители за небольшими столами говорили о том, что помогает им чувствовать себя в "
            "безопасности и как дома в своих районах; и"
        ),
        "ar": (
            "وحيث إن مدينة ميبل فالي عقدت هذا الخريف جلسات استماع في مدرسة ومركز لكبار السن وقاعة "
            "مجتمعية في مجمع شقق، بحضور مترجمين فوريين، تحدث فيها السكان إلى طاولات صغيرة عمّا "
            "يجعلهم يشعرون بالأمان والترحيب في أحيائهم؛"
        ),
        "hmn": (
            "VIM TIAS lub caij nplooj zeeg no Lub Nroog Maple Valley tau muaj cov rooj sib tham "
            "mloog ntawm ib lub tsev kawm ntawv, ib lub chaw laus thiab ib chav sib tham ntawm cov "
            "tsev nyob, muaj neeg txhais lus, uas cov neeg nyob hauv zej zog tau hais ntawm cov "
            "rooj me me txog yam ua rau lawv xav tias nyab xeeb thiab txais tos hauv lawv zej zog; "
            "thiab"
        ),
        "so": (
            "IYADOO dayrtan Magaalada Maple Valley ay qabatay kulamo dhageysi oo ka dhacay dugsi, "
            "xarun waayeel iyo qol bulsho oo guryo ah, iyada oo ay joogaan turjubaanno, halkaas oo "
            "dadka deegaanku miisas yaryar ku sheegeen waxa ka dhigaya inay dareemaan badbaado iyo "
            "soo dhaweyn xaafadahooda; iyo"
        ),
    },
    (
        "WHEREAS, residents described dark streets, broken sidewalks and missing crosswalks on the "
        "routes they walk to bus stops, schools, parks and stores; and"
    ): {
        "es": (
            "CONSIDERANDO que los residentes describieron calles oscuras, aceras rotas y falta de "
            "cruces peatonales en los caminos que recorren a pie hacia las paradas de autobús, las "
            "escuelas, los parques y las tiendas; y"
        ),
        "zh-Hans": (
            "鉴于居民们描述了他们步行前往公交车站、学校、公园和商店的路线上街道昏暗、人行道破损、缺"
            "少人行横道；以及"
        ),
        "vi": (
            "XÉT RẰNG cư dân đã mô tả những con đường tối, vỉa hè hư hỏng và thiếu lối sang đường "
            "trên các tuyến họ đi bộ tới trạm xe buýt, trường học, công viên và cửa hàng; và"
        ),
        "tl": (
            "YAMANG inilarawan ng mga residente ang madidilim na kalye, sirang bangketa at kawalan "
            "ng tawiran sa mga daang nilalakad nila papunta sa hintayan ng bus, paaralan, parke at "
            "tindahan; at"
        ),
        "ru": (
            "ПРИНИМАЯ ВО ВНИМАНИЕ, что жители рассказали о тёмных улицах, разбитых тротуарах и "
            "отсутствии переходов на пути к остановкам, школам, паркам и магазинам; и"
        ),
        "ar": (
            "وحيث إن السكان وصفوا شوارع مظلمة وأرصفة مكسورة وغياب معابر المشاة على الطرق التي "
            "يمشونها إلى محطات الحافلات والمدارس والحدائق والمتاجر؛"
        ),
        "hmn": (
            "VIM TIAS cov neeg nyob hauv zej zog tau piav txog txoj kev tsaus ntuj, txoj kev taug "
            "kev tawg thiab tsis muaj qhov hla kev ntawm txoj kev lawv taug mus chaw tos npav, "
            "tsev kawm ntawv, tiaj ua si thiab khw; thiab"
        ),
        "so": (
            "IYADOO dadka deegaanku ay sharraxeen waddooyin mugdi ah, waddooyin lugeed oo jaban "
            "iyo meelo laga gudbo oo maqan jidadka ay u maraan boosteejooyinka baska, iskuullada, "
            "beeraha iyo dukaamada; iyo"
        ),
    },
    (
        "WHEREAS, many residents cannot read the letters the City sends, reach city services by "
        "phone or take part in public meetings, because these are offered in English only; and"
    ): {
        "es": (
            "CONSIDERANDO que muchos residentes no pueden leer las cartas que envía la Ciudad, "
            "comunicarse por teléfono con los servicios municipales ni participar en reuniones "
            "públicas, porque se ofrecen solo en inglés; y"
        ),
        "zh-Hans": (
            "鉴于许多居民无法阅读市政府寄来的信件、无法通过电话联系市政服务，也无法参加公开会议，因"
            "为这些只提供英文；以及"
        ),
        "vi": (
            "XÉT RẰNG nhiều cư dân không đọc được thư Thành phố gửi, không liên lạc được các dịch "
            "vụ của thành phố qua điện thoại hay tham gia các cuộc họp công cộng, vì những thứ này "
            "chỉ có bằng tiếng Anh; và"
        ),
        "tl": (
            "YAMANG maraming residente ang hindi makabasa ng mga sulat na ipinapadala ng Lungsod, "
            "hindi maabot ang mga serbisyo ng lungsod sa telepono o makalahok sa mga pampublikong "
            "pulong, dahil sa Ingles lamang ang mga ito; at"
        ),
        "ru": (
            "ПРИНИМАЯ ВО ВНИМАНИЕ, что многие жители не могут прочесть письма города, дозвониться "
            "в городские службы или участвовать в публичных собраниях, потому что всё это доступно "
            "только на английском; и"
        ),
        "ar": (
            "وحيث إن كثيرًا من السكان لا يستطيعون قراءة الرسائل التي ترسلها المدينة أو الوصول إلى "
            "خدماتها بالهاتف أو المشاركة في الاجتماعات العامة، لأنها تُقدَّم بالإنجليزية فقط؛"
        ),
        "hmn": (
            "VIM TIAS coob tus neeg nyob hauv zej zog nyeem tsis tau cov ntawv Lub Nroog xa tuaj, "
            "hu tsis tau xov tooj mus rau lub nroog tej kev pab los yog koom tsis tau cov rooj sib "
            "tham pej xeem, vim tias muaj ua lus Askiv xwb; thiab"
        ),
        "so": (
            "IYADOO dad badan oo deegaanka ahi aysan akhrin karin waraaqaha Magaaladu soo dirto, "
            "aysan telefoon ku heli karin adeegyada magaalada ama aysan ka qayb geli karin "
            "shirarka dadweynaha, maxaa yeelay waxaa lagu bixiyaa Ingiriisi oo keliya; iyo"
        ),
    },
    (
        "WHEREAS, young people and their parents asked for safe places to spend evenings and "
        "summers, and residents asked that a neighbor in a mental health crisis be met by trained "
        "counselors; and"
    ): {
        "es": (
            "CONSIDERANDO que los jóvenes y sus padres pidieron lugares seguros donde pasar las "
            "tardes y los veranos, y los residentes pidieron que a un vecino en crisis de salud "
            "mental lo atiendan consejeros capacitados; y"
        ),
        "zh-Hans": (
            "鉴于年轻人及其父母希望有安全的地方度过晚间和暑假，居民们也希望遇到心理健康危机的邻居能"
            "得到受过训练的辅导员的帮助；以及"
        ),
        "vi": (
            "XÉT RẰNG người trẻ và cha mẹ các em yêu cầu có nơi an toàn để sinh hoạt vào buổi tối "
            "và mùa hè, và cư dân yêu cầu một người hàng xóm đang khủng hoảng sức khỏe tâm thần "
            "được những người tư vấn được đào tạo đến giúp; và"
        ),
        "tl": (
            "YAMANG humiling ang mga kabataan at kanilang mga magulang ng ligtas na lugar para sa "
            "gabi at tag-init, at hiniling ng mga residente na ang kapitbahay na nasa krisis sa "
            "kalusugang pangkaisipan ay harapin ng mga sinanay na tagapayo; at"
        ),
        "ru": (
            "ПРИНИМАЯ ВО ВНИМАНИЕ, что молодёжь и родители просили безопасных мест для вечеров и "
            "летнего времени, а жители просили, чтобы к соседу в кризисе психического здоровья "
            "приезжали обученные консультанты; и"
        ),
        "ar": (
            "وحيث إن الشباب وآباءهم طلبوا أماكن آمنة لقضاء الأمسيات والصيف، وطلب السكان أن يستقبل "
            "الجارَ الذي يمر بأزمة نفسية مستشارون مدرَّبون؛"
        ),
        "hmn": (
            "VIM TIAS cov hluas thiab lawv niam txiv tau thov kom muaj qhov chaw nyab xeeb nyob "
            "thaum yav tsaus ntuj thiab lub caij ntuj sov, thiab cov neeg nyob hauv zej zog tau "
            "thov kom ib tug neeg zej zog uas muaj teeb meem kev puas siab puas ntsws tau cov kws "
            "pab tswv yim uas tau kawm los pab; thiab"
        ),
        "so": (
            "IYADOO dhallinyarada iyo waalidkood ay codsadeen meelo nabad ah oo ay ku qaataan "
            "fiidadka iyo xagaaga, dadka deegaankuna ay codsadeen in deris ku jira xaalad "
            "caafimaad maskaxeed ay la kulmaan la-taliyayaal tababaran; iyo"
        ),
    },
    (
        "WHEREAS, rising rents, unrepaired apartments, infrequent evening buses and clinics far "
        "from home push families out of the neighborhoods where they have built their lives;"
    ): {
        "es": (
            "CONSIDERANDO que los alquileres en alza, las viviendas sin reparar, los pocos "
            "autobuses nocturnos y las clínicas lejanas expulsan a las familias de los vecindarios "
            "donde han construido su vida;"
        ),
        "zh-Hans": (
            "鉴于不断上涨的房租、得不到维修的公寓、稀少的晚间公交以及离家很远的诊所，正把家庭挤出他"
            "们安身立命的社区；"
        ),
        "vi": (
            "XÉT RẰNG tiền thuê nhà tăng, căn hộ không được sửa chữa, xe buýt buổi tối thưa thớt "
            "và phòng khám ở xa đang đẩy các gia đình ra khỏi những khu phố nơi họ đã gây dựng "
            "cuộc sống;"
        ),
        "tl": (
            "YAMANG ang tumataas na upa, mga apartment na hindi naaayos, madalang na bus sa gabi "
            "at mga klinikang malayo sa tahanan ay nagtutulak sa mga pamilya palabas ng mga "
            "kapitbahayang pinagbuuan nila ng kanilang buhay;"
        ),
        "ru": (
            "ПРИНИМАЯ ВО ВНИМАНИЕ, что рост арендной платы, неотремонтированные квартиры, редкие "
            "вечерние автобусы и далёкие поликлиники вытесняют семьи из районов, где они построили "
            "свою жизнь;"
        ),
        "ar": (
            "وحيث إن الإيجارات المرتفعة والشقق غير المصلَحة وقلة حافلات المساء والعيادات البعيدة "
            "تدفع العائلات إلى مغادرة الأحياء التي بنت فيها حياتها؛"
        ),
        "hmn": (
            "VIM TIAS nqi xauj tsev nce, cov tsev tsis tau kho, npav yav tsaus ntuj tsawg thiab "
            "tsev kho mob nyob deb thawb cov tsev neeg tawm ntawm cov zej zog uas lawv tau tsim "
            "lawv lub neej;"
        ),
        "so": (
            "IYADOO kirada sii kordhaysa, guryaha aan la dayactirin, basaska fiidkii oo yar iyo "
            "rugaha caafimaadka oo fog ay qoysaska ka saarayaan xaafadaha ay noloshooda ka "
            "dhisteen;"
        ),
    },
    (
        "NOW, THEREFORE, BE IT RESOLVED by the City Council of the City of Maple Valley that the "
        "Council receives the report of the listening sessions and thanks the residents, "
        "interpreters, childcare workers and volunteer notetakers who made them possible."
    ): {
        "es": (
            "POR LO TANTO, EL CONCEJO MUNICIPAL DE LA CIUDAD DE MAPLE VALLEY RESUELVE recibir el "
            "informe de las sesiones para escuchar a la comunidad y agradecer a los residentes, "
            "intérpretes, cuidadores infantiles y voluntarios que tomaron notas y las hicieron "
            "posibles."
        ),
        "zh-Hans": (
            "因此，枫谷市议会兹决议：议会接收倾听会的报告，并感谢促成这些会议的居民、口译员、托儿工"
            "作人员和志愿记录员。"
        ),
        "vi": (
            "DO ĐÓ, HỘI ĐỒNG THÀNH PHỐ MAPLE VALLEY QUYẾT NGHỊ rằng Hội đồng tiếp nhận báo cáo của "
            "các buổi lắng nghe và cảm ơn cư dân, thông dịch viên, người giữ trẻ và các tình "
            "nguyện viên ghi chép đã giúp các buổi này diễn ra."
        ),
        "tl": (
            "KUNG KAYA, IPINASISIYA ng Konseho ng Lungsod ng Maple Valley na tinatanggap ng "
            "Konseho ang ulat ng mga sesyon ng pakikinig at pinasasalamatan ang mga residente, "
            "interpreter, tagapag-alaga ng bata at boluntaryong tagasulat na nagpangyari sa mga "
            "ito."
        ),
        "ru": (
            "ПОЭТОМУ ГОРОДСКОЙ СОВЕТ МЕЙПЛ-ВЭЛЛИ ПОСТАНОВЛЯЕТ, что Совет принимает отчёт о "
            "встречах с жителями и благодарит жителей, переводчиков, работников присмотра за "
            "детьми и волонтёров, которые вели записи."
        ),
        "ar": (
            "لذلك، يقرّر مجلس مدينة ميبل فالي أن يتسلّم المجلس تقرير جلسات الاستماع ويشكر السكان "
            "والمترجمين الفوريين والعاملين في رعاية الأطفال والمتطوعين الذين دوّنوا الملاحظات "
            "وجعلوها ممكنة."
        ),
        "hmn": (
            "YOG LI NO, Pawg Sab Laj ntawm Lub Nroog Maple Valley TXIAV TXIM SIAB tias Pawg Sab "
            "Laj txais daim ntawv qhia txog cov rooj sib tham mloog thiab ua tsaug rau cov neeg "
            "nyob hauv zej zog, cov neeg txhais lus, cov neeg zov me nyuam thiab cov neeg pab dawb "
            "sau ntawv uas ua rau cov rooj sib tham tshwm sim tau."
        ),
        "so": (
            "SIDAA DARTEED, Golaha Magaalada Maple Valley WAXAY GO'AAMISAY in Goluhu aqbalo "
            "warbixinta kulamada dhageysiga oo uu u mahadceliyo dadka deegaanka, turjubaannada, "
            "daryeelayaasha carruurta iyo qorayaasha mutadawiciinta ah ee suurtageliyay."
        ),
    },
    (
        "BE IT FURTHER RESOLVED that the City adopts Sections 1 through 9 below as its policy on "
        "belonging and neighborhood safety."
    ): {
        "es": (
            "SE RESUELVE ADEMÁS que la Ciudad adopte las Secciones 1 a 9 siguientes como su "
            "política de pertenencia y seguridad en los vecindarios."
        ),
        "zh-Hans": "兹进一步决议：本市采纳以下第1至第9节，作为其关于归属感与社区安全的政策。",
        "vi": (
            "QUYẾT NGHỊ THÊM rằng Thành phố thông qua các Mục 1 đến 9 dưới đây làm chính sách về "
            "sự gắn bó và an toàn khu phố."
        ),
        "tl": (
            "IPINASISIYA PA na pinagtitibay ng Lungsod ang mga Seksiyon 1 hanggang 9 sa ibaba "
            "bilang patakaran nito sa pagkakabilang at kaligtasan sa kapitbahayan."
        ),
        "ru": (
            "ПОСТАНОВЛЯЕТСЯ ТАКЖЕ, что город принимает разделы 1–9 ниже как свою политику в "
            "области чувства общности и безопасности в районах."
        ),
        "ar": (
            "ويُقرَّر كذلك أن تعتمد المدينة الأقسام من 1 إلى 9 أدناه سياسةً لها بشأن الانتماء "
            "وأمان الأحياء."
        ),
        "hmn": (
            "TXIAV TXIM SIAB NTXIV tias Lub Nroog txais Nqe 1 txog 9 hauv qab no ua nws txoj cai "
            "txog kev koom siab thiab kev nyab xeeb hauv zej zog."
        ),
        "so": (
            "WAXAA KALOO LA GO'AAMIYAY in Magaaladu ay qaadato Qaybaha 1 ilaa 9 ee hoose "
            "siyaasaddeeda ka-mid-ahaanshaha iyo badbaadada xaafadaha."
        ),
    },
    "BE IT FURTHER RESOLVED that this resolution takes effect on adoption.": {
        "es": (
            "SE RESUELVE ADEMÁS que esta resolución entre en vigor en el momento de su aprobación."
        ),
        "zh-Hans": "兹进一步决议：本决议自通过之日起生效。",
        "vi": "QUYẾT NGHỊ THÊM rằng nghị quyết này có hiệu lực khi được thông qua.",
        "tl": "IPINASISIYA PA na magkakabisa ang resolusyong ito sa pagpapatibay nito.",
        "ru": "ПОСТАНОВЛЯЕТСЯ ТАКЖЕ, что настоящая резолюция вступает в силу с момента принятия.",
        "ar": "ويُقرَّر كذلك أن يسري هذا القرار فور اعتماده.",
        "hmn": (
            "TXIAV TXIM SIAB NTXIV tias daim ntawv txiav txim siab no siv tau txij thaum txais "
            "yuav."
        ),
        "so": "WAXAA KALOO LA GO'AAMIYAY in go'aankani dhaqan galo marka la ansixiyo.",
    },
    "Six of the ten routes are surveyed; 41 lights replaced so far.": {
        "es": "Se revisaron seis de los diez caminos; hasta ahora se cambiaron 41 luces.",
        "zh-Hans": "十条路线中已调查六条；目前已更换41盏灯。",
        "vi": "Đã khảo sát sáu trên mười tuyến; đến nay đã thay 41 đèn.",
        "tl": "Nasuri na ang anim sa sampung ruta; 41 ilaw na ang napalitan.",
        "ru": "Обследовано шесть маршрутов из десяти; заменён 41 фонарь.",
        "ar": "مُسحت ستة من الطرق العشرة؛ واستُبدل 41 مصباحًا حتى الآن.",
        "hmn": "Tau tshawb xyuas rau ntawm kaum txoj kev lawm; tau hloov 41 lub teeb lawm.",
        "so": "Lix ka mid ah tobanka waddo ayaa la sahamiyay; 41 nal ayaa la beddelay ilaa hadda.",
    },
    "Both ramps rebuilt in September.": {
        "es": "Las dos rampas se reconstruyeron en septiembre.",
        "zh-Hans": "两处坡道已于九月重建。",
        "vi": "Cả hai dốc lề đường đã được làm lại vào tháng Chín.",
        "tl": "Naitayong muli ang dalawang rampa noong Setyembre.",
        "ru": "Оба съезда перестроены в сентябре.",
        "ar": "أُعيد بناء المنحدرين كليهما في سبتمبر.",
        "hmn": "Ob qho nqes ntug kev tau rov ua dua rau lub Cuaj Hli.",
        "so": "Labada jaranjarood waxaa dib loo dhisay bishii Sebtembar.",
    },
    "Eastside Branch opens until 9 p.m. on Fridays; the second branch is waiting for staff.": {
        "es": (
            "La sucursal Eastside abre hasta las 9 p. m. los viernes; la segunda sucursal espera "
            "personal."
        ),
        "zh-Hans": "东区分馆每周五开放至晚上9点；第二家分馆正在等待人手。",
        "vi": (
            "Chi nhánh Eastside mở cửa đến 9 giờ tối thứ Sáu; chi nhánh thứ hai đang chờ nhân viên."
        ),
        "tl": (
            "Bukas ang Eastside Branch hanggang 9 p.m. tuwing Biyernes; naghihintay pa ng tauhan "
            "ang ikalawang sangay."
        ),
        "ru": "Филиал Истсайд открыт по пятницам до 21:00; второй филиал ждёт сотрудников.",
        "ar": "يفتح فرع الحي الشرقي حتى التاسعة مساءً أيام الجمعة؛ والفرع الثاني ينتظر موظفين.",
        "hmn": (
            "Eastside Branch qhib mus txog 9 teev tsaus ntuj rau hnub Friday; lub thib ob tseem "
            "tos neeg ua haujlwm."
        ),
        "so": (
            "Laanta Eastside waxay furan tahay ilaa 9-ka fiidnimo maalmaha Jimcaha; laanta labaad "
            "waxay sugaysaa shaqaale."
        ),
    },
    "214 people trained at four libraries and two recreation centers.": {
        "es": "214 personas capacitadas en cuatro bibliotecas y dos centros recreativos.",
        "zh-Hans": "已在四家图书馆和两个康乐中心培训214人。",
        "vi": "Đã đào tạo 214 người tại bốn thư viện và hai trung tâm giải trí.",
        "tl": "214 katao ang nasanay sa apat na aklatan at dalawang recreation center.",
        "ru": "Обучено 214 человек в четырёх библиотеках и двух центрах досуга.",
        "ar": "تدرّب 214 شخصًا في أربع مكتبات ومركزَي ترفيه.",
        "hmn": "Tau cob qhia 214 tus neeg ntawm plaub lub tsev qiv ntawv thiab ob lub chaw ua si.",
        "so": "214 qof ayaa lagu tababaray afar maktabadood iyo laba xarumood oo madadaalo.",
    },
    "Moved to the state legislative agenda: cities in this state cannot cap rents.": {
        "es": (
            "Se pasó a la agenda legislativa estatal: en este estado las ciudades no pueden "
            "limitar los alquileres."
        ),
        "zh-Hans": "已移交州立法议程：本州的城市无权限制房租。",
        "vi": (
            "Đã chuyển sang chương trình lập pháp của tiểu bang: các thành phố trong tiểu bang này "
            "không được giới hạn tiền thuê nhà."
        ),
        "tl": (
            "Inilipat sa agenda ng lehislatura ng estado: hindi maaaring takdaan ng mga lungsod sa "
            "estadong ito ang upa."
        ),
        "ru": (
            "Передано в законодательную повестку штата: города этого штата не могут ограничивать "
            "арендную плату."
        ),
        "ar": (
            "نُقل إلى جدول أعمال الهيئة التشريعية للولاية: لا يحق للمدن في هذه الولاية تحديد سقف "
            "للإيجارات."
        ),
        "hmn": (
            "Tau muab tso rau hauv lub xeev txoj kev tsim cai: cov nroog hauv lub xeev no txwv "
            "tsis tau nqi xauj tsev."
        ),
        "so": (
            "Waxaa loo wareejiyay ajandaha sharci-dejinta gobolka: magaalooyinka gobolkan ma "
            "xaddidi karaan kirada."
        ),
    },
    "Restrooms at Riverside, Cedar and Lincoln parks open 6 a.m. to 9 p.m.": {
        "es": "Los baños de los parques Riverside, Cedar y Lincoln abren de 6 a. m. a 9 p. m.",
        "zh-Hans": "河畔、雪松和林肯公园的洗手间开放时间为早上6点至晚上9点。",
        "vi": (
            "Nhà vệ sinh ở các công viên Riverside, Cedar và Lincoln mở cửa từ 6 giờ sáng đến 9 "
            "giờ tối."
        ),
        "tl": "Bukas ang mga banyo sa Riverside, Cedar at Lincoln park mula 6 a.m. hanggang 9 p.m.",
        "ru": "Туалеты в парках Риверсайд, Сидар и Линкольна открыты с 6:00 до 21:00.",
        "ar": (
            "تفتح دورات المياه في حدائق ريفرسايد وسيدار ولينكولن من السادسة صباحًا حتى التاسعة "
            "مساءً."
        ),
        "hmn": (
            "Chav dej hauv Riverside, Cedar thiab Lincoln parks qhib 6 teev sawv ntxov mus txog 9 "
            "teev tsaus ntuj."
        ),
        "so": (
            "Musqulaha beeraha Riverside, Cedar iyo Lincoln waxay furan yihiin 6-da subaxnimo ilaa "
            "9-ka fiidnimo."
        ),
    },
    "Reports through the city app are cleared within a day on average.": {
        "es": (
            "Los reportes hechos en la aplicación de la ciudad se atienden en promedio en un día."
        ),
        "zh-Hans": "通过市政应用程序提交的报告平均在一天内处理完毕。",
        "vi": "Các báo cáo qua ứng dụng của thành phố được xử lý trung bình trong vòng một ngày.",
        "tl": "Ang mga ulat sa app ng lungsod ay naaayos sa loob ng isang araw sa karaniwan.",
        "ru": "Сообщения через городское приложение в среднем устраняются за день.",
        "ar": "تُعالَج البلاغات عبر تطبيق المدينة خلال يوم واحد في المتوسط.",
        "hmn": "Cov lus qhia los ntawm lub nroog lub app raug kho hauv ib hnub nruab nrab.",
        "so": (
            "Warbixinnada lagu soo diro barnaamijka magaalada waxaa la xalliyaa hal maalin "
            "gudaheed celcelis ahaan."
        ),
    },
}

def draft(source, language):
    """The demo's draft of ``source`` in ``language``, or None."""
    found = TEXTS.get(source, {}).get(language) or plan_texts.TEXTS.get(source, {}).get(language)
    if found:
        return found
    names = [part.strip() for part in source.split(";")]
    if names and all(name in DEPARTMENTS for name in names):
        return SEPARATORS.get(language, "; ").join(DEPARTMENTS[name][language] for name in names)
    return None


def store(actor, engagement_id):
    """Store the drafts for every text of the engagement still missing or stale. Caller commits.
    Returns how many were stored."""
    count = 0
    for language in LANGS:
        drafts = {}
        for unit in translations.units(language, engagement_id):
            text = draft(unit.source, language) if unit.status != "translated" else None
            if text:
                drafts[unit.key] = text
        translations.store_drafts(actor, language, drafts)
        count += len(drafts)
    return count
