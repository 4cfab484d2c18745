"""First-draft translations of the demo plan's monitoring texts (app/demo/plan_monitoring.py):
strategies, owners, partners, measures, sources, and the two reviews. Drafts written for the
demo, not reviewed by native speakers: stored with ``origin="draft"`` like the others in
app/demo/translations.py, which reads them from here."""

TEXTS = {
    # Strategies
    "Light and repair the walking routes": {
        "es": "Iluminar y reparar las rutas peatonales", "zh-Hans": "为步行路线照明并进行维修",
        "vi": "Chiếu sáng và sửa chữa các tuyến đường đi bộ", "tl": "Ilawan at ayusin ang mga daanang lakaran",
        "ru": "Освещение и ремонт пешеходных маршрутов", "ar": "إنارة طرق المشي وإصلاحها",
        "hmn": "Teeb thiab kho cov kev taug kev", "so": "Iftiimi oo dayactir waddooyinka lugta",
    },
    "Safe crossings near schools and homes": {
        "es": "Cruces seguros cerca de escuelas y hogares", "zh-Hans": "学校和住宅附近的安全过街设施",
        "vi": "Lối qua đường an toàn gần trường học và nhà ở", "tl": "Ligtas na tawiran malapit sa mga paaralan at tahanan",
        "ru": "Безопасные переходы у школ и домов", "ar": "معابر آمنة قرب المدارس والمساكن",
        "hmn": "Kev hla kev nyab xeeb ze tsev kawm ntawv thiab tsev nyob",
        "so": "Goobo looga gudbo oo ammaan ah oo u dhow dugsiyada iyo guryaha",
    },
    "Every letter and meeting in residents' languages": {
        "es": "Cada carta y reunión en los idiomas de los residentes", "zh-Hans": "每封信函和每次会议都使用居民的语言",
        "vi": "Mọi thư từ và cuộc họp bằng ngôn ngữ của cư dân",
        "tl": "Bawat liham at pulong sa mga wika ng mga residente",
        "ru": "Каждое письмо и каждое собрание на языках жителей", "ar": "كل رسالة وكل اجتماع بلغات السكان",
        "hmn": "Txhua tsab ntawv thiab txhua lub rooj sib tham ua cov neeg nyob hauv lawv hom lus",
        "so": "Warqad kasta iyo shir kasta oo ku qoran luqadaha dadka deegaanka",
    },
    "Interpreters from the neighborhoods": {
        "es": "Intérpretes de los propios vecindarios", "zh-Hans": "来自社区的口译员",
        "vi": "Thông dịch viên từ chính các khu phố", "tl": "Mga interpreter mula sa mga kapitbahayan",
        "ru": "Переводчики из самих районов", "ar": "مترجمون فوريون من الأحياء نفسها",
        "hmn": "Cov neeg txhais lus los ntawm cov zej zog", "so": "Turjubaanno ka yimid xaafadaha",
    },
    "A crisis team instead of police": {
        "es": "Un equipo de crisis en lugar de la policía", "zh-Hans": "由危机应对小组代替警察",
        "vi": "Một đội ứng phó khủng hoảng thay cho cảnh sát", "tl": "Isang pangkat pangkrisis sa halip na pulis",
        "ru": "Кризисная бригада вместо полиции", "ar": "فريق للأزمات بدلًا من الشرطة",
        "hmn": "Ib pab neeg pab thaum muaj teeb meem hloov rau tub ceev xwm",
        "so": "Koox xaaladaha degdegga ah halkii booliiska",
    },
    # Owners and partners
    "Street Lighting Manager": {
        "es": "Gerente de Alumbrado Público", "zh-Hans": "街道照明经理", "vi": "Quản lý Chiếu sáng Đường phố",
        "tl": "Tagapamahala ng Ilaw sa Kalye", "ru": "Руководитель уличного освещения",
        "ar": "مدير إنارة الشوارع", "hmn": "Tus Thawj Saib Teeb Kev", "so": "Maareeyaha Nalalka Waddooyinka",
    },
    "Traffic Safety Engineer": {
        "es": "Ingeniero de Seguridad Vial", "zh-Hans": "交通安全工程师", "vi": "Kỹ sư An toàn Giao thông",
        "tl": "Inhinyero ng Kaligtasan sa Trapiko", "ru": "Инженер по безопасности дорожного движения",
        "ar": "مهندس السلامة المرورية", "hmn": "Tus Kws Engineer Kev Nyab Xeeb Tsheb",
        "so": "Injineerka Badbaadada Taraafikada",
    },
    "Language Access Coordinator": {
        "es": "Coordinador de Acceso Lingüístico", "zh-Hans": "语言服务协调员", "vi": "Điều phối viên Tiếp cận Ngôn ngữ",
        "tl": "Tagapag-ugnay ng Access sa Wika", "ru": "Координатор языковой доступности",
        "ar": "منسق الوصول اللغوي", "hmn": "Tus Neeg Saib Kev Pab Txog Hom Lus",
        "so": "Isku-duwaha Helitaanka Luqadda",
    },
    "Youth Services Manager": {
        "es": "Gerente de Servicios Juveniles", "zh-Hans": "青少年服务经理", "vi": "Quản lý Dịch vụ Thanh thiếu niên",
        "tl": "Tagapamahala ng mga Serbisyo para sa Kabataan", "ru": "Руководитель службы по делам молодёжи",
        "ar": "مدير خدمات الشباب", "hmn": "Tus Thawj Saib Kev Pab Cov Hluas", "so": "Maareeyaha Adeegyada Dhallinyarada",
    },
    "Crisis Response Program Director": {
        "es": "Director del Programa de Respuesta a Crisis", "zh-Hans": "危机应对项目主任",
        "vi": "Giám đốc Chương trình Ứng phó Khủng hoảng", "tl": "Direktor ng Programa sa Pagtugon sa Krisis",
        "ru": "Директор программы кризисного реагирования", "ar": "مدير برنامج الاستجابة للأزمات",
        "hmn": "Tus Thawj Coj Kev Pab Thaum Muaj Teeb Meem", "so": "Agaasimaha Barnaamijka Ka-jawaabidda Xaaladaha",
    },
    "Neighborhood associations": {
        "es": "Asociaciones de vecinos", "zh-Hans": "社区协会", "vi": "Các hội khu phố",
        "tl": "Mga samahan ng kapitbahayan", "ru": "Соседские объединения", "ar": "جمعيات الأحياء",
        "hmn": "Cov koom haum zej zog", "so": "Ururada xaafadaha",
    },
    "Youth council and Maple Valley Schools": {
        "es": "Consejo juvenil y Escuelas de Maple Valley", "zh-Hans": "青年理事会和枫谷学区",
        "vi": "Hội đồng thanh niên và các trường Maple Valley", "tl": "Konseho ng kabataan at Maple Valley Schools",
        "ru": "Молодёжный совет и школы Мейпл-Вэлли", "ar": "مجلس الشباب ومدارس مابل فالي",
        "hmn": "Pawg thawj coj cov hluas thiab Maple Valley Schools",
        "so": "Golaha dhallinyarada iyo Dugsiyada Maple Valley",
    },
    "County Behavioral Health": {
        "es": "Salud Conductual del Condado", "zh-Hans": "县行为健康服务局", "vi": "Sở Sức khỏe Hành vi Quận",
        "tl": "Behavioral Health ng County", "ru": "Окружная служба психического здоровья",
        "ar": "خدمات الصحة السلوكية في المقاطعة", "hmn": "Lub Chaw Kev Noj Qab Haus Huv Lub Hlwb hauv County",
        "so": "Caafimaadka Dabeecadda ee Degmada",
    },
    # Measures, units, sources
    "Working street lights on the ten busiest walking routes": {
        "es": "Farolas que funcionan en las diez rutas peatonales más transitadas",
        "zh-Hans": "十条最繁忙步行路线上正常工作的路灯",
        "vi": "Đèn đường hoạt động trên mười tuyến đi bộ đông nhất",
        "tl": "Mga gumaganang ilaw sa kalye sa sampung pinakamataong daanang lakaran",
        "ru": "Работающие фонари на десяти самых оживлённых пешеходных маршрутах",
        "ar": "أعمدة الإنارة العاملة على أكثر عشرة طرق مشي ازدحامًا",
        "hmn": "Cov teeb kev uas ua haujlwm ntawm kaum txoj kev taug kev uas neeg siv ntau tshaj",
        "so": "Nalalka waddooyinka ee shaqeeya ee tobanka waddo ee lugta ugu mashquulsan",
    },
    "Working days to repair a reported street light": {
        "es": "Días hábiles para reparar una farola reportada", "zh-Hans": "修复报修路灯所需的工作日",
        "vi": "Số ngày làm việc để sửa một đèn đường được báo hỏng",
        "tl": "Mga araw ng trabaho bago maayos ang iniulat na ilaw sa kalye",
        "ru": "Рабочих дней на ремонт фонаря после сообщения", "ar": "أيام العمل اللازمة لإصلاح عمود إنارة مُبلَّغ عنه",
        "hmn": "Pes tsawg hnub ua haujlwm los kho ib lub teeb kev uas muaj neeg qhia",
        "so": "Maalmaha shaqada ee lagu dayactiro nal waddo oo la soo sheegay",
    },
    "Teen visits to the library on Friday evenings": {
        "es": "Visitas de adolescentes a la biblioteca los viernes por la noche",
        "zh-Hans": "周五晚上青少年到访图书馆的人次", "vi": "Lượt thanh thiếu niên đến thư viện tối thứ Sáu",
        "tl": "Pagbisita ng mga tinedyer sa aklatan tuwing Biyernes ng gabi",
        "ru": "Посещения библиотеки подростками по пятничным вечерам",
        "ar": "زيارات المراهقين للمكتبة مساء أيام الجمعة",
        "hmn": "Cov hluas tuaj xyuas lub tsev qiv ntawv hmo Friday",
        "so": "Booqashada dhallinyarada ee maktabadda fiidkii Jimcaha",
    },
    "Vital documents translated into all nine languages": {
        "es": "Documentos esenciales traducidos a los nueve idiomas", "zh-Hans": "已译成全部九种语言的重要文件",
        "vi": "Tài liệu thiết yếu được dịch sang cả chín ngôn ngữ",
        "tl": "Mahahalagang dokumentong naisalin sa lahat ng siyam na wika",
        "ru": "Важные документы, переведённые на все девять языков", "ar": "الوثائق الأساسية المترجمة إلى اللغات التسع كلها",
        "hmn": "Cov ntaub ntawv tseem ceeb uas txhais ua tag nrho cuaj hom lus",
        "so": "Dukumentiyada muhiimka ah ee loo turjumay sagaalka luqadood oo dhan",
    },
    "%": {lang: "%" for lang in ("es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so")},
    "days": {
        "es": "días", "zh-Hans": "天", "vi": "ngày", "tl": "araw", "ru": "дней", "ar": "أيام", "hmn": "hnub",
        "so": "maalmood",
    },
    "visits a month": {
        "es": "visitas al mes", "zh-Hans": "每月人次", "vi": "lượt mỗi tháng", "tl": "pagbisita bawat buwan",
        "ru": "посещений в месяц", "ar": "زيارة في الشهر", "hmn": "zaug ib hlis", "so": "booqasho bishiiba",
    },
    "documents": {
        "es": "documentos", "zh-Hans": "份文件", "vi": "tài liệu", "tl": "dokumento", "ru": "документов",
        "ar": "وثيقة", "hmn": "daim ntawv", "so": "dukumenti",
    },
    "Public Works lighting survey": {
        "es": "Estudio de alumbrado de Obras Públicas", "zh-Hans": "公共工程局照明调查",
        "vi": "Khảo sát chiếu sáng của Sở Công chánh", "tl": "Surbey sa ilaw ng Pampublikong Gawain",
        "ru": "Обследование освещения Управлением общественных работ", "ar": "مسح الإنارة لإدارة الأشغال العامة",
        "hmn": "Kev soj ntsuam teeb los ntawm Chaw Ua Haujlwm Pej Xeem", "so": "Sahanka nalalka ee Hawlaha Guud",
    },
    "311 service requests": {
        "es": "Solicitudes de servicio al 311", "zh-Hans": "311服务请求", "vi": "Yêu cầu dịch vụ 311",
        "tl": "Mga kahilingan sa serbisyo ng 311", "ru": "Обращения в службу 311", "ar": "طلبات الخدمة عبر 311",
        "hmn": "Cov kev thov pab ntawm 311", "so": "Codsiyada adeegga 311",
    },
    "Library door counts": {
        "es": "Conteo de entradas de la biblioteca", "zh-Hans": "图书馆入馆人数统计", "vi": "Số lượt vào cửa thư viện",
        "tl": "Bilang ng pumapasok sa aklatan", "ru": "Подсчёт посетителей библиотеки", "ar": "عدد الداخلين إلى المكتبة",
        "hmn": "Kev suav neeg nkag lub tsev qiv ntawv", "so": "Tirinta dadka soo gala maktabadda",
    },
    "City Clerk records": {
        "es": "Registros de la Secretaría Municipal", "zh-Hans": "市书记官处记录", "vi": "Hồ sơ của Văn phòng Thư ký Thành phố",
        "tl": "Mga talaan ng City Clerk", "ru": "Данные городского секретаря", "ar": "سجلات كاتب المدينة",
        "hmn": "Cov ntaub ntawv ntawm City Clerk", "so": "Diiwaannada Karraaniga Magaalada",
    },
    # Reviews
    ("Public Works, Transportation, City Clerk, Library, Parks and Recreation, Health and Human Services, "
     "and two members of the youth council"): {
        "es": "Obras Públicas, Transporte, Secretaría Municipal, Biblioteca, Parques y Recreación, Salud y "
              "Servicios Humanos, y dos miembros del consejo juvenil",
        "zh-Hans": "公共工程局、交通局、市书记官处、图书馆、公园与康乐局、卫生与公众服务局，以及两名青年理事会成员",
        "vi": "Sở Công chánh, Sở Giao thông, Văn phòng Thư ký Thành phố, Thư viện, Sở Công viên và Giải trí, "
              "Sở Y tế và Dịch vụ Nhân sinh, và hai thành viên hội đồng thanh niên",
        "tl": "Pampublikong Gawain, Transportasyon, City Clerk, Aklatan, Mga Parke at Libangan, Kalusugan at "
              "Serbisyong Pantao, at dalawang miyembro ng konseho ng kabataan",
        "ru": "Управление общественных работ, управление транспорта, городской секретарь, библиотека, управление "
              "парков и отдыха, управление здравоохранения и социальных услуг и два члена молодёжного совета",
        "ar": "إدارة الأشغال العامة، وإدارة النقل، وكاتب المدينة، والمكتبة، وإدارة الحدائق والترفيه، وإدارة "
              "الصحة والخدمات الإنسانية، وعضوان من مجلس الشباب",
        "hmn": "Chaw Ua Haujlwm Pej Xeem, Chaw Tsheb Thauj Mus Los, City Clerk, Tsev Qiv Ntawv, Chaw Tiaj "
               "Ua Si, Chaw Kev Noj Qab Haus Huv, thiab ob tug tswv cuab ntawm pawg thawj coj cov hluas",
        "so": "Hawlaha Guud, Gaadiidka, Karraaniga Magaalada, Maktabadda, Beerta iyo Madadaalada, Caafimaadka "
              "iyo Adeegyada Bulshada, iyo laba xubnood oo ka tirsan golaha dhallinyarada",
    },
    ("First quarterly review. Street light repairs are slower than planned; the Friday evening library hours "
     "are popular with teenagers."): {
        "es": "Primera revisión trimestral. Las reparaciones de farolas van más lentas de lo previsto; el "
              "horario nocturno de los viernes en la biblioteca es popular entre los adolescentes.",
        "zh-Hans": "第一次季度审查。路灯维修比计划慢；图书馆周五晚间开放时段很受青少年欢迎。",
        "vi": "Đợt rà soát quý đầu tiên. Việc sửa đèn đường chậm hơn kế hoạch; giờ mở cửa tối thứ Sáu của "
              "thư viện được thanh thiếu niên yêu thích.",
        "tl": "Unang pagsusuri kada tatlong buwan. Mas mabagal kaysa sa plano ang pag-aayos ng mga ilaw sa "
              "kalye; patok sa mga tinedyer ang oras ng aklatan tuwing Biyernes ng gabi.",
        "ru": "Первый квартальный обзор. Ремонт фонарей идёт медленнее плана; пятничные вечерние часы "
              "библиотеки пользуются популярностью у подростков.",
        "ar": "المراجعة الفصلية الأولى. إصلاح أعمدة الإنارة أبطأ مما كان مخططًا له، وساعات المكتبة مساء "
              "الجمعة تلقى إقبالًا من المراهقين.",
        "hmn": "Thawj zaug kev tshuaj xyuas txhua peb lub hlis. Kev kho teeb kev qeeb dua li tau npaj; cov "
               "sij hawm qhib tsev qiv ntawv hmo Friday nrov heev rau cov hluas.",
        "so": "Dib-u-eegista rubuceed ee koowaad. Dayactirka nalalka waddooyinka wuu ka gaabiyay qorshaha; "
              "saacadaha fiidkii Jimcaha ee maktabadda waxay caan ku yihiin dhallinyarada.",
    },
    ("Second quarterly review. Repairs are faster but still behind the path to ten days; the study of a rent "
     "limit was dropped."): {
        "es": "Segunda revisión trimestral. Las reparaciones son más rápidas, pero siguen por detrás del camino "
              "hacia los diez días; se abandonó el estudio de un límite a los alquileres.",
        "zh-Hans": "第二次季度审查。维修速度加快，但仍落后于十天目标的进度；租金上限研究已取消。",
        "vi": "Đợt rà soát quý thứ hai. Việc sửa chữa nhanh hơn nhưng vẫn chậm so với lộ trình đạt mười ngày; "
              "nghiên cứu về giới hạn tiền thuê đã bị hủy.",
        "tl": "Ikalawang pagsusuri kada tatlong buwan. Mas mabilis na ang pag-aayos pero nahuhuli pa rin sa "
              "landas patungo sa sampung araw; itinigil ang pag-aaral ng limitasyon sa upa.",
        "ru": "Второй квартальный обзор. Ремонт идёт быстрее, но всё ещё отстаёт от пути к десяти дням; "
              "изучение ограничения арендной платы прекращено.",
        "ar": "المراجعة الفصلية الثانية. أصبحت الإصلاحات أسرع لكنها ما زالت متأخرة عن المسار نحو عشرة أيام، "
              "وأُسقطت دراسة وضع حد للإيجارات.",
        "hmn": "Zaum ob kev tshuaj xyuas txhua peb lub hlis. Kev kho sai dua tab sis tseem qeeb dua txoj kev "
               "mus txog kaum hnub; kev kawm txog kev txwv nqi xauj tsev raug tso tseg.",
        "so": "Dib-u-eegista rubuceed ee labaad. Dayactirku wuu dhaqso badan yahay laakiin weli wuu ka dambeeyaa "
              "jidka loo qorsheeyay toban maalmood; daraasadda xadka kirada waa la joojiyay.",
    },
    "The parks board asked the youth services team to lead the council.": {
        "es": "La junta de parques pidió al equipo de servicios juveniles que dirija el consejo.",
        "zh-Hans": "公园委员会请青少年服务团队负责领导该理事会。",
        "vi": "Ban công viên đã đề nghị nhóm dịch vụ thanh thiếu niên dẫn dắt hội đồng.",
        "tl": "Hiniling ng lupon ng mga parke sa pangkat ng serbisyo sa kabataan na pamunuan ang konseho.",
        "ru": "Совет по паркам попросил службу по делам молодёжи возглавить совет.",
        "ar": "طلب مجلس الحدائق من فريق خدمات الشباب أن يقود المجلس.",
        "hmn": "Pawg thawj coj tiaj ua si tau thov pab neeg pab cov hluas los coj pawg thawj coj.",
        "so": "Guddiga beeraha ayaa ka codsaday kooxda adeegyada dhallinyarada inay hoggaamiyaan golaha.",
    },
    "The repair crew now works a second shift.": {
        "es": "La cuadrilla de reparación ahora trabaja un segundo turno.",
        "zh-Hans": "维修队现在增加了第二个班次。",
        "vi": "Đội sửa chữa nay làm thêm ca thứ hai.",
        "tl": "Nagtatrabaho na ngayon ng ikalawang shift ang pangkat na nag-aayos.",
        "ru": "Ремонтная бригада теперь работает во вторую смену.",
        "ar": "أصبح فريق الإصلاح يعمل نوبة ثانية.",
        "hmn": "Pab neeg kho tam sim no ua haujlwm ob lub sij hawm.",
        "so": "Kooxda dayactirka hadda waxay shaqeeyaan wareeg labaad.",
    },
    "Recruiting ambassadors takes longer in the smaller language groups.": {
        "es": "Reclutar embajadores lleva más tiempo en los grupos lingüísticos más pequeños.",
        "zh-Hans": "在人数较少的语言群体中招募社区大使需要更长时间。",
        "vi": "Việc tuyển đại sứ mất nhiều thời gian hơn ở các nhóm ngôn ngữ nhỏ.",
        "tl": "Mas matagal ang pagkuha ng mga ambassador sa mas maliliit na pangkat ng wika.",
        "ru": "Набор представителей в небольших языковых группах занимает больше времени.",
        "ar": "يستغرق تجنيد السفراء وقتًا أطول في المجموعات اللغوية الأصغر.",
        "hmn": "Kev nrhiav cov neeg sawv cev siv sij hawm ntev dua rau cov pab pawg hom lus me.",
        "so": "Shaqaaleysiinta safiirada waxay qaadataa waqti dheer kooxaha luqadaha yaryar.",
    },
}
