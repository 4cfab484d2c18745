"""The demo city's responses to its themes, in English and as first-draft translations in the
eight other languages (stored with ``origin="draft"``, like demo_translations: the workspace
shows each as "Draft awaiting review" until a translator checks it)."""

# topic (demo_policy.THEME_REVIEW) -> (state, who answers (a department demo_translations names),
# days until a decision is due, {language: reason})
RESPONSES = {
    "walking": ("adopted", "Public Works", None, {
        "en": "Broken street lights are now fixed within ten working days.",
        "es": "Las farolas averiadas ahora se reparan en diez días hábiles.",
        "zh-Hans": "损坏的路灯现在会在十个工作日内修好。",
        "vi": "Đèn đường hỏng nay được sửa trong vòng mười ngày làm việc.",
        "tl": "Ang mga sirang ilaw sa kalye ay inaayos na sa loob ng sampung araw ng trabaho.",
        "ru": "Неисправные уличные фонари теперь чинят в течение десяти рабочих дней.",
        "ar": "تُصلَح أعمدة الإنارة المعطلة الآن خلال عشرة أيام عمل.",
        "hmn": "Cov teeb txoj kev uas puas tam sim no kho kom tiav hauv kaum hnub ua haujlwm.",
        "so": "Nalalka waddooyinka ee jaban hadda waxaa la hagaajiyaa toban maalmood oo shaqo gudahood.",
    }),
    "language": ("partly_adopted", "Community Engagement", None, {
        "en": "City meetings offer interpreters in five languages; more languages depend on the budget.",
        "es": "Las reuniones de la ciudad ofrecen intérpretes en cinco idiomas; más idiomas dependen del presupuesto.",
        "zh-Hans": "市政会议提供五种语言的口译；更多语言取决于预算。",
        "vi": "Các cuộc họp của thành phố có thông dịch viên bằng năm ngôn ngữ; thêm ngôn ngữ tùy thuộc vào ngân sách.",
        "tl": "May mga interpreter sa mga pulong ng lungsod sa limang wika; ang iba pang wika ay depende sa badyet.",
        "ru": "На городских собраниях есть переводчики на пять языков; другие языки зависят от бюджета.",
        "ar": "توفر اجتماعات المدينة مترجمين بخمس لغات؛ وإضافة لغات أخرى تتوقف على الميزانية.",
        "hmn": "Cov rooj sib tham hauv nroog muaj neeg txhais lus tsib hom lus; ntau hom lus ntxiv nyob ntawm "
               "nyiaj txiag.",
        "so": "Shirarka magaalada waxaa laga helaa turjubaano shan luqadood; luqado kale waxay ku xiran yihiin "
              "miisaaniyadda.",
    }),
    "youth": ("under_consideration", "Parks and Recreation", 60, {
        "en": "The council is costing evening hours at two community centers.",
        "es": "El concejo está calculando el costo de abrir dos centros comunitarios por la tarde.",
        "zh-Hans": "市议会正在核算两个社区中心晚间开放的费用。",
        "vi": "Hội đồng đang tính chi phí mở cửa buổi tối tại hai trung tâm cộng đồng.",
        "tl": "Kinukuwenta ng konseho ang gastos ng pagbubukas ng dalawang community center sa gabi.",
        "ru": "Совет подсчитывает стоимость вечерней работы двух общественных центров.",
        "ar": "يدرس المجلس تكلفة فتح مركزين مجتمعيين في المساء.",
        "hmn": "Pawg thawj coj tab tom xam tus nqi qhib ob lub chaw zej zog thaum tsaus ntuj.",
        "so": "Golaha ayaa xisaabinaya kharashka in laba xarumood oo bulsho la furo fiidkii.",
    }),
    "crisis": ("adopted", "Health and Human Services", None, {
        "en": "A crisis team without police now answers mental health calls.",
        "es": "Un equipo de crisis sin policía ahora atiende las llamadas de salud mental.",
        "zh-Hans": "现在由不带警察的危机小组接听心理健康求助电话。",
        "vi": "Một đội xử lý khủng hoảng không có cảnh sát nay trả lời các cuộc gọi về sức khỏe tâm thần.",
        "tl": "Isang crisis team na walang pulis ang sumasagot na ngayon sa mga tawag tungkol sa kalusugang "
              "pangkaisipan.",
        "ru": "На звонки о психическом здоровье теперь отвечает кризисная команда без полиции.",
        "ar": "يرد فريق أزمات بلا شرطة الآن على مكالمات الصحة النفسية.",
        "hmn": "Ib pab neeg pab thaum muaj teeb meem uas tsis muaj tub ceev xwm tam sim no teb cov xov tooj txog "
               "kev puas siab puas ntsws.",
        "so": "Koox xaaladaha degdegga ah oo aan booliis lahayn ayaa hadda ka jawaabta wicitaannada caafimaadka "
              "maskaxda.",
    }),
    "housing": ("partly_adopted", "Housing", None, {
        "en": "A tenant help desk opens at the library; rent limits are set by the state.",
        "es": "Se abre un servicio de ayuda para inquilinos en la biblioteca; los límites de renta los fija el "
              "estado.",
        "zh-Hans": "图书馆开设租户服务台；租金上限由州政府决定。",
        "vi": "Một bàn hỗ trợ người thuê nhà mở tại thư viện; mức trần tiền thuê do tiểu bang quy định.",
        "tl": "May bubuksang help desk para sa mga umuupa sa aklatan; ang estado ang nagtatakda ng limitasyon sa "
              "upa.",
        "ru": "В библиотеке открывается справочная для арендаторов; пределы арендной платы устанавливает штат.",
        "ar": "يُفتتح مكتب مساعدة للمستأجرين في المكتبة؛ أما حدود الإيجار فتحددها الولاية.",
        "hmn": "Ib lub rooj pab cov neeg xauj tsev qhib ntawm lub tsev qiv ntawv; lub xeev yog tus teem tus nqi "
               "xauj tsev.",
        "so": "Miis caawimaad kiraystayaasha ayaa laga furayaa maktabadda; xadka kirada waxaa go'aamisa gobolka.",
    }),
    "transit": ("under_consideration", "Transportation", 30, {
        "en": "Transit staff are studying later buses on the routes you named.",
        "es": "El personal de transporte estudia autobuses más tarde en las rutas que ustedes nombraron.",
        "zh-Hans": "交通部门正在研究在你们提到的线路上增加晚班公交。",
        "vi": "Nhân viên giao thông đang nghiên cứu thêm chuyến xe buýt muộn trên các tuyến quý vị đã nêu.",
        "tl": "Pinag-aaralan ng mga kawani ng transportasyon ang mas gabing mga bus sa mga rutang binanggit ninyo.",
        "ru": "Транспортная служба изучает поздние автобусы на маршрутах, которые вы назвали.",
        "ar": "يدرس موظفو النقل تشغيل حافلات متأخرة على الخطوط التي ذكرتموها.",
        "hmn": "Cov neeg ua haujlwm tsheb npav tab tom kawm txog tsheb npav lig dua ntawm cov kev uas nej tau hais.",
        "so": "Shaqaalaha gaadiidka ayaa daraasad ku sameynaya basas habeenkii dambe ah oo ku socda waddooyinka "
              "aad sheegteen.",
    }),
    "parks": ("not_adopted", "Parks and Recreation", None, {
        "en": "This year's park budget goes to repairs; new benches must wait.",
        "es": "El presupuesto de parques de este año se destina a reparaciones; las bancas nuevas deben esperar.",
        "zh-Hans": "今年的公园预算用于维修；新长椅要等以后。",
        "vi": "Ngân sách công viên năm nay dành cho sửa chữa; ghế băng mới phải chờ.",
        "tl": "Ang badyet sa parke ngayong taon ay para sa pagkukumpuni; maghihintay ang mga bagong bangko.",
        "ru": "В этом году бюджет парков идёт на ремонт; новые скамейки подождут.",
        "ar": "تذهب ميزانية الحدائق هذا العام إلى الإصلاحات؛ وعلى المقاعد الجديدة أن تنتظر.",
        "hmn": "Xyoo no cov nyiaj rau tiaj ua si siv kho tej yam puas; cov rooj zaum tshiab yuav tsum tos.",
        "so": "Miisaaniyadda beeraha sannadkan waxay aadaysaa dayactirka; kuraasta cusub waa inay sugaan.",
    }),
    "health": ("adopted", "Health and Human Services", None, {
        "en": "Mobile clinics now visit your neighborhoods every month.",
        "es": "Clínicas móviles ahora visitan sus vecindarios cada mes.",
        "zh-Hans": "流动诊所现在每月到你们的社区服务。",
        "vi": "Các phòng khám lưu động nay đến khu phố của quý vị mỗi tháng.",
        "tl": "Bumibisita na buwan-buwan ang mga mobile clinic sa inyong mga kapitbahayan.",
        "ru": "Передвижные клиники теперь каждый месяц приезжают в ваши районы.",
        "ar": "تزور العيادات المتنقلة أحياءكم الآن كل شهر.",
        "hmn": "Cov chaw kho mob txav mus los tam sim no tuaj xyuas nej cov zej zog txhua lub hlis.",
        "so": "Rugaha caafimaadka ee guuraya hadda bil kasta waxay booqdaan xaafadahiinna.",
    }),
}
