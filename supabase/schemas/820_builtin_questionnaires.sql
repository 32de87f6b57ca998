-- Owns: the built-in questionnaire templates (QUESTIONNAIRES.md): entry, exit and
-- satisfaction for student mentees, teacher mentees and mentors. school_id null = built-in,
-- readable by every member and delivered by sync_pull through the "global" scope (nil-uuid
-- counter, 940_sync_pull.sql). Schools copy them to edit (based_on); a built-in
-- that has answers is frozen by guard_template_locked, so a changed text ships as a new
-- revision (new id), never as an update here.
-- Invariant: these rows equal BUILTIN_QUESTIONNAIRES in src/domain/questionnaireDefaults.ts
-- (device-only mode has no server); test/db/questionnaires-builtin.test.ts compares them.
-- `on conflict do nothing`: a database seeded before this file ran already holds them.

insert into public.questionnaire_templates (id, school_id, kind, audience, revision, title, items)
select t.id::uuid, null, t.kind, t.audience, 1, t.title, t.items::jsonb
from (values
  ('b1000000-0000-4000-8000-000000000001', 'satisfaction', 'mentee_student', 'Анкета удовлетворённости наставляемого', $j$[
    {"id": "q1", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько вы довольны участием в программе наставничества?", "en": "Overall satisfaction."}},
    {"id": "q2", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько комфортно вам было общаться с наставником?", "en": "Comfort of communication."}},
    {"id": "q3", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько полезными были встречи?", "en": "Usefulness of meetings."}},
    {"id": "q4", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько оправдались ваши ожидания?", "en": "Expectations met."}},
    {"id": "q5", "type": "open", "text": {"ru": "Что было для вас самым ценным?", "en": "Most valuable."}},
    {"id": "q6", "type": "open", "text": {"ru": "Чего не хватило, что стоит изменить?", "en": "Missing, to change."}},
    {"id": "q7", "type": "choice", "text": {"ru": "Хотели бы вы продолжить?", "en": "Continue in the programme?"}, "choices": [{"value": "yes", "text": {"ru": "Да", "en": "Yes"}}, {"value": "no", "text": {"ru": "Нет", "en": "No"}}, {"value": "not_sure", "text": {"ru": "Не уверен(а)", "en": "Not sure"}}]},
    {"id": "q8", "type": "choice", "text": {"ru": "Хотели бы вы сами стать наставником?", "en": "Become a mentor yourself?"}, "choices": [{"value": "yes", "text": {"ru": "Да", "en": "Yes"}}, {"value": "no", "text": {"ru": "Нет", "en": "No"}}, {"value": "not_sure", "text": {"ru": "Не уверен(а)", "en": "Not sure"}}]}
  ]$j$),
  ('b1000000-0000-4000-8000-000000000002', 'satisfaction', 'mentee_teacher', 'Анкета удовлетворённости наставляемого педагога', $j$[
    {"id": "q1", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько вы довольны участием в программе наставничества?", "en": "Overall satisfaction."}},
    {"id": "q2", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько комфортно вам было общаться с наставником?", "en": "Comfort of communication."}},
    {"id": "q3", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько полезными были встречи?", "en": "Usefulness of meetings."}},
    {"id": "q4", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько оправдались ваши ожидания?", "en": "Expectations met."}},
    {"id": "q5", "type": "open", "text": {"ru": "Что было для вас самым ценным?", "en": "Most valuable."}},
    {"id": "q6", "type": "open", "text": {"ru": "Чего не хватило, что стоит изменить?", "en": "Missing, to change."}},
    {"id": "q7", "type": "choice", "text": {"ru": "Хотели бы вы продолжить?", "en": "Continue in the programme?"}, "choices": [{"value": "yes", "text": {"ru": "Да", "en": "Yes"}}, {"value": "no", "text": {"ru": "Нет", "en": "No"}}, {"value": "not_sure", "text": {"ru": "Не уверен(а)", "en": "Not sure"}}]},
    {"id": "q8", "type": "choice", "text": {"ru": "Хотели бы вы сами стать наставником?", "en": "Become a mentor yourself?"}, "choices": [{"value": "yes", "text": {"ru": "Да", "en": "Yes"}}, {"value": "no", "text": {"ru": "Нет", "en": "No"}}, {"value": "not_sure", "text": {"ru": "Не уверен(а)", "en": "Not sure"}}]}
  ]$j$),
  ('b1000000-0000-4000-8000-000000000003', 'satisfaction', 'mentor', 'Анкета удовлетворённости наставника', $j$[
    {"id": "q1", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько вы довольны участием в программе?", "en": "Overall satisfaction with taking part."}},
    {"id": "q2", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько комфортно было общаться с наставляемым(и)?", "en": "Comfort of communication with the mentee(s)."}},
    {"id": "q3", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Насколько наставляемый продвинулся к целям плана?", "en": "How far the mentee moved towards the plan's goals."}},
    {"id": "q4", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Хватало ли времени на наставничество?", "en": "Enough time for mentoring."}},
    {"id": "q5", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Хватало ли поддержки куратора?", "en": "Enough support from the curator."}},
    {"id": "q6", "type": "open", "text": {"ru": "Что помогало больше всего?", "en": "What helped most."}},
    {"id": "q7", "type": "open", "text": {"ru": "Что мешало?", "en": "What got in the way."}},
    {"id": "q8", "type": "choice", "text": {"ru": "Продолжите ли вы быть наставником в следующем году?", "en": "Continue as a mentor next year?"}, "choices": [{"value": "yes", "text": {"ru": "Да", "en": "Yes"}}, {"value": "no", "text": {"ru": "Нет", "en": "No"}}, {"value": "not_sure", "text": {"ru": "Не уверен(а)", "en": "Not sure"}}]}
  ]$j$),
  ('b1000000-0000-4000-8000-000000000004', 'entry', 'mentee_student', 'Входная диагностика наставляемого (обучающийся)', $j$[
    {"id": "q1", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Я хочу учиться и хорошо успевать в школе.", "en": "I want to learn and do well at school."}},
    {"id": "q2", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Я уверен(а), что справлюсь с трудностями в учёбе.", "en": "I am confident I can cope with difficulties in my studies."}},
    {"id": "q3", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Мне легко общаться с одноклассниками и учителями.", "en": "It is easy for me to talk to classmates and teachers."}},
    {"id": "q4", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Я участвую в жизни школы (кружки, проекты, мероприятия).", "en": "I take part in school life."}},
    {"id": "q5", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Я знаю, чего хочу достичь в этом году.", "en": "I know what I want to achieve this year."}},
    {"id": "q6", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Как вы оцениваете свои результаты по важным для вас предметам?", "en": "How do you rate your own results in the subjects that matter to you?"}},
    {"id": "q7", "type": "open", "text": {"ru": "Что вы хотите получить от наставничества?", "en": "What do you want to get from mentoring?"}}
  ]$j$),
  ('b1000000-0000-4000-8000-000000000005', 'exit', 'mentee_student', 'Итоговая диагностика наставляемого (обучающийся)', $j$[
    {"id": "q1", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Я хочу учиться и хорошо успевать в школе.", "en": "I want to learn and do well at school."}},
    {"id": "q2", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Я уверен(а), что справлюсь с трудностями в учёбе.", "en": "I am confident I can cope with difficulties in my studies."}},
    {"id": "q3", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Мне легко общаться с одноклассниками и учителями.", "en": "It is easy for me to talk to classmates and teachers."}},
    {"id": "q4", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Я участвую в жизни школы (кружки, проекты, мероприятия).", "en": "I take part in school life."}},
    {"id": "q5", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Я знаю, чего хочу достичь в этом году.", "en": "I know what I want to achieve this year."}},
    {"id": "q6", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Как вы оцениваете свои результаты по важным для вас предметам?", "en": "How do you rate your own results in the subjects that matter to you?"}},
    {"id": "q7", "type": "open", "text": {"ru": "Что вы получили от наставничества?", "en": "What did you get from mentoring?"}}
  ]$j$),
  ('b1000000-0000-4000-8000-000000000006', 'entry', 'mentee_teacher', 'Входная диагностика наставляемого педагога', $j$[
    {"id": "q1", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Уверенность в планировании и проведении урока", "en": "Confidence in planning and running a lesson."}},
    {"id": "q2", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Управление классом и дисциплина", "en": "Managing the class and discipline."}},
    {"id": "q3", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Работа с родителями", "en": "Working with parents."}},
    {"id": "q4", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Ведение школьной документации", "en": "Keeping school documentation."}},
    {"id": "q5", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Использование цифровых инструментов и современных методик", "en": "Using digital tools and modern methods."}},
    {"id": "q6", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Эмоциональное состояние на работе (1 — истощение, 10 — полон сил)", "en": "Emotional state at work (1 = exhausted, 10 = full of energy)."}},
    {"id": "q7", "type": "choice", "text": {"ru": "Планируете ли вы продолжать работать в этой школе?", "en": "Do you intend to keep working at this school?"}, "choices": [{"value": "yes", "text": {"ru": "Да", "en": "Yes"}}, {"value": "no", "text": {"ru": "Нет", "en": "No"}}, {"value": "not_sure", "text": {"ru": "Не уверен(а)", "en": "Not sure"}}]},
    {"id": "q8", "type": "open", "text": {"ru": "Ваши основные профессиональные затруднения сейчас", "en": "Your main professional difficulties now."}}
  ]$j$),
  ('b1000000-0000-4000-8000-000000000007', 'exit', 'mentee_teacher', 'Итоговая диагностика наставляемого педагога', $j$[
    {"id": "q1", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Уверенность в планировании и проведении урока", "en": "Confidence in planning and running a lesson."}},
    {"id": "q2", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Управление классом и дисциплина", "en": "Managing the class and discipline."}},
    {"id": "q3", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Работа с родителями", "en": "Working with parents."}},
    {"id": "q4", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Ведение школьной документации", "en": "Keeping school documentation."}},
    {"id": "q5", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Использование цифровых инструментов и современных методик", "en": "Using digital tools and modern methods."}},
    {"id": "q6", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Эмоциональное состояние на работе (1 — истощение, 10 — полон сил)", "en": "Emotional state at work (1 = exhausted, 10 = full of energy)."}},
    {"id": "q7", "type": "choice", "text": {"ru": "Планируете ли вы продолжать работать в этой школе?", "en": "Do you intend to keep working at this school?"}, "choices": [{"value": "yes", "text": {"ru": "Да", "en": "Yes"}}, {"value": "no", "text": {"ru": "Нет", "en": "No"}}, {"value": "not_sure", "text": {"ru": "Не уверен(а)", "en": "Not sure"}}]},
    {"id": "q8", "type": "open", "text": {"ru": "Ваши основные профессиональные затруднения сейчас", "en": "Your main professional difficulties now."}}
  ]$j$),
  ('b1000000-0000-4000-8000-000000000008', 'entry', 'mentor', 'Самооценка навыков наставника (на входе)', $j$[
    {"id": "q1", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Постановка целей вместе с наставляемым", "en": "Setting goals together with a mentee."}},
    {"id": "q2", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Активное слушание", "en": "Active listening."}},
    {"id": "q3", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Обратная связь, которая помогает", "en": "Giving feedback that helps."}},
    {"id": "q4", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Планирование встреч", "en": "Planning meetings."}},
    {"id": "q5", "type": "open", "text": {"ru": "Чему я хочу научиться как наставник?", "en": "What do I want to learn as a mentor?"}}
  ]$j$),
  ('b1000000-0000-4000-8000-000000000009', 'exit', 'mentor', 'Самооценка навыков наставника (на выходе)', $j$[
    {"id": "q1", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Постановка целей вместе с наставляемым", "en": "Setting goals together with a mentee."}},
    {"id": "q2", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Активное слушание", "en": "Active listening."}},
    {"id": "q3", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Обратная связь, которая помогает", "en": "Giving feedback that helps."}},
    {"id": "q4", "type": "scale", "min": 1, "max": 10, "text": {"ru": "Планирование встреч", "en": "Planning meetings."}},
    {"id": "q5", "type": "open", "text": {"ru": "Чему я научился как наставник?", "en": "What did I learn as a mentor?"}}
  ]$j$)
) as t (id, kind, audience, title, items)
on conflict do nothing;
