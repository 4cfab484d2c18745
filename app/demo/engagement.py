"""A demo engagement, so a new user meets every page with real-looking content: sessions,
several hundred table notes in nine languages, a draft resolution and an action plan, and
(outside tests) an analysis run that the demo analyst has reviewed, linked and published.

Every step goes through the same services people use, and each is skipped when its result is
already there, so loading twice adds nothing."""
import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models import (
    ActionPlan,
    Engagement,
    EngagementTranslation,
    ListeningSession,
    Note,
    NotetakerAssignment,
    Prompt,
    PromptTranslation,
    Registration,
    Resolution,
    SessionTable,
    SessionTranslation,
    User,
)
from ..models.types import utcnow
from ..platform import audit, jobs
from ..services.insights import codebook, note_vectors
from ..services.plans import importer
from ..services.policy import commitments
from ..services.registration import roster
from . import equity, loop, plan_monitoring, translations
from . import policy as demo_policy
from .analyst import review
from .notes import demo_notes

log = logging.getLogger(__name__)

SLUG = "maple-valley-2026"
TZ = "America/Los_Angeles"

DEMO_USERS = [
    ("admin@heard.example", "Ada Admin", "admin", "heard-admin-demo"),
    ("organizer@heard.example", "Omar Organizer", "organizer", "heard-organizer-demo"),
    ("notetaker@heard.example", "Nguyen Notetaker", "notetaker", "heard-notetaker-demo"),
    ("analyst@heard.example", "Ana Analyst", "analyst", "heard-analyst-demo"),
]

ENGAGEMENT_NAMES = {
    "en": ("Maple Valley Belonging and Safety Listening Sessions 2026",
           "The city wants to hear what makes you feel safe and welcome, and what gets in the way."),
    "es": ("Sesiones para escuchar a la comunidad de Maple Valley sobre pertenencia y seguridad 2026",
           "La ciudad quiere saber qué le hace sentir seguro y bienvenido, y qué se lo impide."),
    "zh-Hans": ("2026年枫谷归属感与安全社区倾听会",
                "市政府想听听哪些事让您感到安全和受欢迎，以及哪些事造成了阻碍。"),
    "vi": ("Các buổi lắng nghe về sự gắn bó và an toàn ở Maple Valley 2026",
           "Thành phố muốn nghe điều gì giúp quý vị cảm thấy an toàn và được chào đón, và điều gì cản trở."),
    "tl": ("Mga Sesyon ng Pakikinig sa Maple Valley tungkol sa Pagkakabilang at Kaligtasan 2026",
           "Nais marinig ng lungsod kung ano ang nagpaparamdam sa inyo na ligtas at tanggap, at ano ang humahadlang."),
    "ru": ("Встречи с жителями Мейпл-Вэлли о безопасности и чувстве общности, 2026",
           "Город хочет услышать, что помогает вам чувствовать себя в безопасности и как дома, а что мешает."),
    "ar": ("جلسات الاستماع في ميبل فالي حول الانتماء والأمان 2026",
           "تريد المدينة أن تسمع ما يجعلك تشعر بالأمان والترحيب، وما الذي يعيق ذلك."),
    "hmn": ("Maple Valley Cov Rooj Sib Tham Mloog Txog Kev Koom Siab thiab Kev Nyab Xeeb 2026",
            "Lub nroog xav hnov tias yam dab tsi ua rau koj xav tias muaj kev nyab xeeb thiab txais tos, thiab yam dab tsi thaiv."),
    "so": ("Kulamada Dhageysiga Maple Valley ee ku saabsan Ka-mid-ahaanshaha iyo Badbaadada 2026",
           "Magaaladu waxay rabtaa inay maqasho waxa kaa dhigaya inaad dareento badbaado iyo soo dhaweyn, iyo waxa hor istaaga."),
}

SESSIONS = [
    # slug, days from today (a Saturday: "sat"), start hour, venue, address, capacity, interpretation, childcare, titles
    ("library-evening", 10, 18, "Eastside Branch Library", "410 Alder Street, Maple Valley", 40,
     ["es", "vi", "zh-Hans"], True,
     {"en": "Evening session at the Eastside Library", "es": "Sesión de la tarde en la Biblioteca Eastside",
      "zh-Hans": "东区图书馆晚间场", "vi": "Buổi tối tại Thư viện Eastside",
      "tl": "Sesyon sa gabi sa Eastside Library", "ru": "Вечерняя встреча в библиотеке Истсайд",
      "ar": "جلسة مسائية في مكتبة الحي الشرقي", "hmn": "Rooj sib tham yav tsaus ntuj ntawm Eastside Library",
      "so": "Kulanka fiidkii ee Maktabadda Eastside"}),
    ("community-center-saturday", "sat", 10, "Riverside Community Center", "88 Ferry Road, Maple Valley", 60,
     ["hmn", "so", "ar"], True,
     {"en": "Saturday morning at Riverside Community Center", "es": "Sábado por la mañana en el Centro Comunitario Riverside",
      "zh-Hans": "河畔社区中心周六上午场", "vi": "Sáng thứ Bảy tại Trung tâm Cộng đồng Riverside",
      "tl": "Sabado ng umaga sa Riverside Community Center", "ru": "Субботнее утро в общественном центре Риверсайд",
      "ar": "صباح السبت في مركز ريفرسايد المجتمعي", "hmn": "Hnub Rov Qab Los thaum sawv ntxov ntawm Riverside Community Center",
      "so": "Subaxa Sabtida ee Xarunta Bulshada Riverside"}),
    ("school-gym", -6, 17, "Lincoln Middle School Gym", "1200 Lincoln Avenue, Maple Valley", 80,
     ["es", "ru", "tl"], False,
     {"en": "Lincoln Middle School session", "es": "Sesión en la Escuela Secundaria Lincoln",
      "zh-Hans": "林肯中学场", "vi": "Buổi tại Trường Trung học Cơ sở Lincoln",
      "tl": "Sesyon sa Lincoln Middle School", "ru": "Встреча в средней школе Линкольна",
      "ar": "جلسة مدرسة لينكولن المتوسطة", "hmn": "Rooj sib tham ntawm Lincoln Middle School",
      "so": "Kulanka Dugsiga Dhexe ee Lincoln"}),
    ("senior-center", -20, 13, "Maple Valley Senior Center", "25 Orchard Lane, Maple Valley", 50,
     ["zh-Hans", "vi", "ar"], False,
     {"en": "Afternoon session at the Maple Valley Senior Center",
      "es": "Sesión de la tarde en el Centro para Personas Mayores de Maple Valley",
      "zh-Hans": "枫谷长者中心下午场", "vi": "Buổi chiều tại Trung tâm Người cao tuổi Maple Valley",
      "tl": "Sesyon sa hapon sa Maple Valley Senior Center", "ru": "Дневная встреча в центре для пожилых Мейпл-Вэлли",
      "ar": "جلسة بعد الظهر في مركز كبار السن في ميبل فالي",
      "hmn": "Rooj sib tham tav su ntawm Maple Valley Senior Center",
      "so": "Kulanka galabta ee Xarunta Waayeelka Maple Valley"}),
    ("northgate-commons", -13, 18, "Northgate Apartments Community Room", "700 Northgate Drive, Maple Valley", 40,
     ["so", "hmn", "es"], True,
     {"en": "Evening session at Northgate Apartments", "es": "Sesión por la noche en los Apartamentos Northgate",
      "zh-Hans": "北门公寓晚间场", "vi": "Buổi tối tại Khu chung cư Northgate",
      "tl": "Sesyon sa gabi sa Northgate Apartments", "ru": "Вечерняя встреча в жилом комплексе Нортгейт",
      "ar": "جلسة مسائية في مجمع شقق نورثغيت",
      "hmn": "Rooj sib tham yav tsaus ntuj ntawm Northgate Apartments",
      "so": "Kulanka fiidkii ee Guryaha Northgate"}),
]

DESCRIPTIONS = {
    "en": ("Sit at a small table with neighbors and talk about safety, belonging and city services. "
           "A notetaker writes down what people say. No names go in the notes.",
           "Enter from the parking lot. Bus 7 stops across the street.",
           "Step-free entrance and accessible restrooms. Ask staff for a large-print prompt card."),
    "es": ("Siéntese en una mesa pequeña con sus vecinos y hable de seguridad, pertenencia y servicios de la ciudad. "
           "Una persona toma notas de lo que se dice. No se anotan nombres.",
           "Entre por el estacionamiento. El autobús 7 para enfrente.",
           "Entrada sin escalones y baños accesibles. Pida una tarjeta con letra grande."),
    "zh-Hans": ("和邻居们围坐在小桌旁，谈谈安全、归属感和市政服务。记录员会写下大家说的话。记录中不写名字。",
                "请从停车场入口进入。7路公交车在街对面停靠。",
                "无台阶入口和无障碍洗手间。可向工作人员索取大字版问题卡。"),
    "vi": ("Ngồi cùng bàn nhỏ với hàng xóm và nói về an toàn, sự gắn bó và dịch vụ của thành phố. "
           "Một người ghi chép lại những gì mọi người nói. Không ghi tên ai.",
           "Vào từ bãi đậu xe. Xe buýt số 7 dừng ở bên kia đường.",
           "Lối vào không có bậc thang và nhà vệ sinh dành cho người khuyết tật. Hỏi nhân viên để lấy thẻ câu hỏi chữ lớn."),
    "tl": ("Umupo sa maliit na mesa kasama ang mga kapitbahay at pag-usapan ang kaligtasan, pagkakabilang at mga serbisyo ng lungsod. "
           "May tagasulat na magtatala ng sinasabi ng mga tao. Walang pangalang isusulat.",
           "Pumasok mula sa paradahan. Humihinto ang Bus 7 sa tapat ng kalye.",
           "Pasukang walang baitang at mga banyong naa-access. Humingi sa staff ng card na malalaki ang letra."),
    "ru": ("Сядьте за небольшой стол с соседями и поговорите о безопасности, общности и городских услугах. "
           "Секретарь записывает, что говорят люди. Имена не записываются.",
           "Вход со стороны парковки. Автобус 7 останавливается через дорогу.",
           "Вход без ступенек и доступные туалеты. Попросите у сотрудников карточку с крупным шрифтом."),
    "ar": ("اجلس إلى طاولة صغيرة مع جيرانك وتحدث عن الأمان والانتماء وخدمات المدينة. "
           "يكتب أحد المتطوعين ما يقوله الناس. لا تُكتب الأسماء في الملاحظات.",
           "ادخل من جهة موقف السيارات. تتوقف الحافلة رقم 7 على الجانب الآخر من الشارع.",
           "مدخل بلا درجات ودورات مياه مهيأة. اطلب من الموظفين بطاقة أسئلة بخط كبير."),
    "hmn": ("Zaum ntawm ib lub rooj me nrog cov neeg zej zog thiab tham txog kev nyab xeeb, kev koom siab thiab lub nroog cov kev pab. "
            "Ib tug neeg sau ntawv yuav sau tej lus uas neeg hais. Tsis sau npe leej twg.",
            "Nkag ntawm qhov chaw nres tsheb. Npav 7 nres hla txoj kev.",
            "Qhov rooj nkag tsis muaj ntaiv thiab chav dej siv tau yooj yim. Thov cov neeg ua haujlwm rau daim npav ntawv loj."),
    "so": ("Miis yar la fadhiiso deriskaaga oo ka hadal badbaadada, ka-mid-ahaanshaha iyo adeegyada magaalada. "
           "Qof ayaa qoraya waxa dadku sheegaan. Magacyo lama qorayo.",
           "Ka gal dhinaca baarkinka. Baska 7 wuxuu istaagaa waddada dhinaceeda kale.",
           "Albaab aan jaranjaro lahayn iyo musqulo la geli karo. Shaqaalaha ka codso kaarka far waaweyn."),
}

PROMPTS = [
    {"en": "When do you feel safe in your neighborhood, and when do you not?",
     "es": "¿Cuándo se siente seguro en su vecindario y cuándo no?",
     "zh-Hans": "您什么时候在社区里感到安全，什么时候不安全？",
     "vi": "Khi nào quý vị cảm thấy an toàn trong khu phố, và khi nào thì không?",
     "tl": "Kailan kayo nakakaramdam ng kaligtasan sa inyong lugar, at kailan hindi?",
     "ru": "Когда вы чувствуете себя в безопасности в своём районе, а когда нет?",
     "ar": "متى تشعر بالأمان في حيّك، ومتى لا تشعر بذلك؟",
     "hmn": "Thaum twg koj xav tias muaj kev nyab xeeb hauv koj zej zog, thiab thaum twg tsis muaj?",
     "so": "Goormaad dareentaa badbaado xaafaddaada, goormaadse dareemin?"},
    {"en": "What city service would make the biggest difference for your family?",
     "es": "¿Qué servicio de la ciudad haría la mayor diferencia para su familia?",
     "zh-Hans": "哪项市政服务对您的家庭帮助最大？",
     "vi": "Dịch vụ nào của thành phố sẽ giúp gia đình quý vị nhiều nhất?",
     "tl": "Anong serbisyo ng lungsod ang pinakamalaking maitutulong sa inyong pamilya?",
     "ru": "Какая городская услуга больше всего помогла бы вашей семье?",
     "ar": "ما هي خدمة المدينة التي ستُحدث أكبر فرق لعائلتك؟",
     "hmn": "Lub nroog qhov kev pab twg yuav pab koj tsev neeg tshaj plaws?",
     "so": "Adeegee magaalada ah ayaa qoyskaaga u samayn lahaa isbeddelka ugu weyn?"},
    {"en": "What is one thing the city should start doing this year?",
     "es": "¿Qué es una cosa que la ciudad debería empezar a hacer este año?",
     "zh-Hans": "您认为市政府今年应该开始做的一件事是什么？",
     "vi": "Một việc thành phố nên bắt đầu làm trong năm nay là gì?",
     "tl": "Ano ang isang bagay na dapat simulan ng lungsod ngayong taon?",
     "ru": "Что одно город должен начать делать в этом году?",
     "ar": "ما هو الشيء الواحد الذي يجب أن تبدأ المدينة بفعله هذا العام؟",
     "hmn": "Ib yam dab tsi uas lub nroog yuav tsum pib ua xyoo no?",
     "so": "Waa maxay hal shay oo ay magaaladu tahay inay bilowdo sannadkan?"},
]


def load(now=None, *, full=None):
    """Create whatever part of the demo is missing. Returns True if anything was added.

    ``full`` also adds walk-in attendance at the held sessions and the analysis run that the
    demo analyst reviewed, linked and published as a report. It is on by default, except in
    tests (``TESTING``): the run takes seconds, and tests of runs, reports and registrations
    start from a demo without them."""
    now = now or utcnow()
    if full is None:
        full = not current_app.testing
    users, added = _users()
    engagement = db.session.scalar(select(Engagement).where(Engagement.slug == SLUG))
    if engagement is None:
        engagement = _engagement()
        added = True
    added |= _sessions(engagement, users, now)
    added |= _notes(engagement, users["notetaker"])
    codebook.import_shipped_codebook(users["admin"], engagement)
    if added:
        audit.record(users["admin"], "demo.load", engagement)
    db.session.commit()
    jobs.kick()
    added |= _resolution(users["organizer"], engagement)
    added |= _plan(users["organizer"], engagement, now)
    if added:  # first drafts of the plan's texts in every language, awaiting review
        translations.store(users["admin"], engagement.id)
        db.session.commit()
    if full:
        added |= _attendance(users["organizer"], engagement)
        added |= review(users["analyst"], engagement)
        added |= loop.load(users["analyst"], engagement, now)
    added |= equity.load(users["organizer"], engagement)  # after the walk-ins: they answer too
    return added


def _users():
    users, added = {}, False
    for email, name, role, password in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, name=name, role=role)
            user.set_password(password)
            db.session.add(user)
            added = True
        users[role] = user
    db.session.flush()
    return users, added


def _engagement():
    engagement = Engagement(slug=SLUG, default_language="en", organization="City of Maple Valley")
    for code, (name, description) in ENGAGEMENT_NAMES.items():
        engagement.translations.append(EngagementTranslation(language=code, name=name, description=description))
    db.session.add(engagement)
    db.session.flush()
    return engagement


def _sessions(engagement, users, now):
    """The sessions the demo lacks (by slug): three ahead, three already held."""
    zone = ZoneInfo(TZ)
    today = now.astimezone(zone).date()
    existing = set(db.session.scalars(select(ListeningSession.slug)))
    added = False
    for slug, days, hour, venue, address, capacity, interpreted, childcare, titles in SESSIONS:
        if slug in existing:
            continue
        if days == "sat":
            day = today + timedelta(days=14 + (5 - today.weekday()) % 7)
        else:
            day = today + timedelta(days=days)
        starts = datetime.combine(day, time(hour, 0), tzinfo=zone)
        session = ListeningSession(
            slug=slug, engagement=engagement, starts_at=starts, ends_at=starts + timedelta(hours=2),
            timezone=TZ, venue_name=venue, venue_address=address, capacity=capacity,
            status="published", interpretation_languages=interpreted, childcare_offered=childcare,
            registration_closes_at=starts - timedelta(hours=2),
        )
        for code, title in titles.items():
            description, directions, access = DESCRIPTIONS[code]
            session.translations.append(SessionTranslation(
                language=code, title=title, description=description, directions=directions, access_info=access,
            ))
        for position, prompt_texts in enumerate(PROMPTS, start=1):
            prompt = Prompt(position=position)
            for code, text in prompt_texts.items():
                prompt.translations.append(PromptTranslation(language=code, text=text))
            session.prompts.append(prompt)
        for position in range(1, 5):
            session.tables.append(SessionTable(name=f"Table {position}", position=position))
        db.session.add(session)
        db.session.flush()
        db.session.add(NotetakerAssignment(user=users["notetaker"], table=session.tables[0]))
        if slug == "school-gym":
            db.session.add(NotetakerAssignment(user=users["notetaker"], table=session.tables[1]))
        added = True
    return added


def _notes(engagement, author):
    """The table notes of the sessions already held (see demo_notes), each added once."""
    sessions = {s.slug: s for s in db.session.scalars(
        select(ListeningSession).where(ListeningSession.engagement_id == engagement.id))}
    notes = demo_notes()
    have = set(db.session.scalars(select(Note.client_id).where(Note.client_id.in_([n["key"] for n in notes]))))
    per_session = {}
    for note in notes:
        per_session.setdefault(note["session"], []).append(note)
    added = []
    for slug, entries in per_session.items():
        session = sessions[slug]
        minutes = 110 / max(len(entries), 1)  # spread over the two hours the session ran
        for index, note in enumerate(entries):
            if note["key"] in have:
                continue
            added.append(Note(
                session_id=session.id, table_id=session.tables[note["table"] - 1].id,
                prompt_id=session.prompts[note["prompt"] - 1].id, author_id=author.id, text=note["text"],
                language=note["language"], translation_en=note["translation_en"], is_quote=note["is_quote"],
                is_sensitive=note["is_sensitive"], client_id=note["key"],
                created_at=session.starts_at + timedelta(minutes=5 + index * minutes),
            ))
    db.session.add_all(added)
    db.session.flush()
    note_vectors.queue(note.id for note in added)  # encoded by the job queue, as captured notes are
    return bool(added)


# People who came to the sessions already held, checked in at the door as walk-ins:
# slug -> [(preferred language, interpretation language or None, how many)].
ATTENDANCE = {
    "school-gym": [("en", None, 21), ("es", "es", 9), ("ru", "ru", 5), ("tl", "tl", 4)],
    "senior-center": [("en", None, 17), ("zh-Hans", "zh-Hans", 8), ("vi", "vi", 8), ("ar", "ar", 6)],
    "northgate-commons": [("en", None, 12), ("so", "so", 6), ("hmn", "hmn", 4), ("es", "es", 7)],
}


def _attendance(organizer, engagement):
    """Walk-ins at the held sessions, so the report counts attendance. First names only."""
    sessions = {s.slug: s for s in db.session.scalars(
        select(ListeningSession).where(ListeningSession.engagement_id == engagement.id))}
    added = False
    for slug, groups in ATTENDANCE.items():
        session = sessions.get(slug)
        if session is None or db.session.scalar(select(Registration.id).where(Registration.session_id == session.id)):
            continue
        count = 0
        for language, interpretation, people in groups:
            for _person in range(people):
                name = f"{WALK_IN_NAMES[count % len(WALK_IN_NAMES)]} {chr(ord('A') + count * 7 % 26)}."
                roster.add_walk_in(organizer, session.id, name, preferred_language=language,
                                   interpretation_language=interpretation)
                count += 1
        added = True
    return added


WALK_IN_NAMES = ["Maria", "Tuan", "Li", "Amina", "James", "Olga", "Rosa", "Fatima", "Minh", "Ahmed", "Grace",
                 "Ivan", "Luz", "Hodan", "Pao", "Mei", "Carlos", "Leila", "Nhia", "Sam", "Ana", "Dmitri",
                 "Joy", "Hassan", "Yer", "Wei", "Elena", "Omar", "Linh", "Marisol"]


def _resolution(organizer, engagement):
    """The draft resolution, pasted into the splitter the way an organizer would."""
    if db.session.scalar(select(Resolution.id).where(
            Resolution.engagement_id == engagement.id, Resolution.number == demo_policy.RESOLUTION_NUMBER)):
        return False
    commitments.add_resolution(organizer, engagement_id=engagement.id, number=demo_policy.RESOLUTION_NUMBER,
                          title=demo_policy.RESOLUTION_TITLE, adopted_on=None, text=demo_policy.RESOLUTION_TEXT)
    return True


def _plan(organizer, engagement, now):
    """The action plan, imported from its CSV file, with a few progress notes."""
    if db.session.scalar(select(ActionPlan.id).where(
            ActionPlan.engagement_id == engagement.id, ActionPlan.title == demo_policy.PLAN_TITLE)):
        return False
    today = now.astimezone(ZoneInfo(TZ)).date()
    preview = importer.preview(organizer, engagement_id=engagement.id, plan_title=demo_policy.PLAN_TITLE,
                                  filename=demo_policy.PLAN_FILENAME, data=demo_policy.plan_csv(today))
    if not preview.ok:  # the shipped file is checked by the tests; never store half a plan
        log.warning("demo plan not imported: %s", [(row.line, row.errors) for row in preview.rows if row.errors])
        return False
    plan, _count = importer.commit(organizer, preview.token)
    for item in plan.items:  # as if written over the past months; the demo.load entry covers them
        item.progress_note = demo_policy.PROGRESS_NOTES.get(item.number, "")
    db.session.commit()
    plan_monitoring.enrich(organizer, plan, today)  # strategies, owners, measures, two reviews
    return True
