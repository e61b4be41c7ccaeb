"""Our own translations of the demo content, keyed by the English text.

Names, acronyms and slugs are left out on purpose: wagtail-localize keeps the source text for
them.
"""

_SHARED_ES = {
    "Allied Workers' Network": "Red de Trabajadoras y Trabajadores Aliados",
    "A fictional network of organisations of home-based workers, waste pickers, street vendors "
    "and other workers in the informal economy, used to show wagtail-careers.": (
        "Una red ficticia de organizaciones de trabajadoras a domicilio, recicladoras, vendedoras "
        "ambulantes y otras personas trabajadoras de la economía informal, que sirve para mostrar "
        "wagtail-careers."
    ),
    "Careers": "Empleos",
    "Jobs and consultancies with the organisations of our network. Filter the open positions "
    "below, or follow them with a feed.": (
        "Empleos y consultorías en las organizaciones de nuestra red. Filtra las convocatorias "
        "abiertas más abajo o síguelas con un canal de noticias."
    ),
    "Diversity and inclusion (default)": "Diversidad e inclusión (predeterminada)",
    "We are committed to diversity, equity and inclusion, and we welcome applications from "
    "everyone.": (
        "Estamos comprometidas con la diversidad, la equidad y la inclusión, y damos la "
        "bienvenida a todas las candidaturas."
    ),
    "Home-Based Workers International": "Trabajadoras a Domicilio Internacional",
    "An international federation of organisations of home-based workers, who produce goods and "
    "services from their homes for markets and supply chains.": (
        "Una federación internacional de organizaciones de trabajadoras a domicilio, que producen "
        "bienes y servicios desde sus hogares para mercados y cadenas de suministro."
    ),
    "Regional Coordination of Home-Based Workers of Latin America and the Caribbean": (
        "Coordinadora Regional de Trabajadoras a Domicilio de América Latina y el Caribe"
    ),
    "The regional coordination that brings together grassroots organisations of home-based "
    "workers across Latin America and the Caribbean.": (
        "La coordinadora regional que reúne a organizaciones de base de trabajadoras a domicilio "
        "de toda América Latina y el Caribe."
    ),
    "Informal Economy Research Network": "Red de Investigación sobre la Economía Informal",
    "A global network that works to secure livelihoods for working people in the informal "
    "economy, especially women. It supports organisations of informal workers, builds knowledge "
    "about informal work and brings workers' voices into local, national and international "
    "policy.": (
        "Una red mundial que trabaja para asegurar los medios de vida de las personas que "
        "trabajan en la economía informal, en especial las mujeres. Apoya a las organizaciones de "
        "trabajadoras y trabajadores informales, genera conocimiento sobre el trabajo informal y "
        "lleva sus voces a las políticas locales, nacionales e internacionales."
    ),
    "Waste Pickers' Alliance of the Americas": "Alianza de Recicladores de las Américas",
    "An alliance of waste pickers' cooperatives and associations that defends the right of waste "
    "pickers to work and to be recognised for the service they give.": (
        "Una alianza de cooperativas y asociaciones de recicladoras y recicladores que defiende su "
        "derecho a trabajar y a que se reconozca el servicio que prestan."
    ),
    "The position": "El puesto",
    "Responsibilities": "Responsabilidades",
    "About you": "Tu perfil",
    "Work from home: you need your own computer and a good internet connection.": (
        "Trabajo desde casa: necesitas tu propia computadora y una buena conexión a internet."
    ),
    "Paid in US dollars, according to experience, location and our pay policy": (
        "Pago en dólares estadounidenses, según la experiencia, el lugar de residencia y nuestra "
        "política de remuneración"
    ),
    "on your motivation and how you meet the requirements": (
        "sobre tu motivación y cómo cumples los requisitos"
    ),
}

_REGIONAL_ORGANISER_ES = {
    "Regional organiser, Latin America and the Caribbean": (
        "Organizador/a regional, América Latina y el Caribe"
    ),
    "HBWI and CORTRADOM are looking for an experienced organiser to strengthen the member "
    "organisations of home-based workers in Latin America and the Caribbean.": (
        "HBWI y CORTRADOM buscan una persona con experiencia en organización para fortalecer a "
        "las organizaciones afiliadas de trabajadoras a domicilio en América Latina y el Caribe."
    ),
    "The organiser is the link between the grassroots organisations of the regional "
    "coordination. It is both a political and an administrative role: it helps the organisation "
    "of home-based workers grow and helps manage the material, financial and human resources of "
    "the region's plans and projects.": (
        "La persona organizadora es el enlace entre las organizaciones de base de la "
        "coordinadora regional. Es un cargo político y administrativo: impulsa la organización "
        "de las trabajadoras a domicilio y ayuda a gestionar los recursos materiales, "
        "financieros y humanos de los planes y proyectos de la región."
    ),
    "Duties and responsibilities": "Funciones y responsabilidades",
    "Coordinate the activities of the regional coordination with its member organisations.": (
        "Coordinar las actividades de la coordinadora regional con sus organizaciones afiliadas."
    ),
    "Bring new organisations of home-based workers into the regional coordination in countries "
    "where it has no members yet.": (
        "Sumar nuevas organizaciones de trabajadoras a domicilio a la coordinadora regional en "
        "países donde aún no tiene afiliadas."
    ),
    "Develop local and regional initiatives to organise home-based workers.": (
        "Desarrollar iniciativas locales y regionales para organizar a las trabajadoras a "
        "domicilio."
    ),
    "Help draft proposals for rules that protect both subcontracted and self-employed "
    "home-based workers, and prepare annual narrative and financial reports with the regional "
    "and global teams.": (
        "Contribuir a redactar propuestas de normas que protejan tanto a las trabajadoras a "
        "domicilio subcontratadas como a las autónomas, y preparar los informes anuales "
        "narrativos y financieros con los equipos regional y global."
    ),
    "Support the Executive Committee in managing the organisation's resources.": (
        "Apoyar al Comité Ejecutivo en la gestión de los recursos de la organización."
    ),
    "Keep the Executive Committee closely informed and pass its decisions on to every level of "
    "the organisation.": (
        "Mantener informado al Comité Ejecutivo y transmitir sus decisiones a todas las "
        "instancias de la organización."
    ),
    "Carry out the project tasks the Executive Committee assigns.": (
        "Realizar las tareas de los proyectos que le asigne el Comité Ejecutivo."
    ),
    "Organise workshops, forums and regional meetings, online and in person.": (
        "Organizar talleres, foros y encuentros regionales, virtuales y presenciales."
    ),
    "Lead the region's internal and external communication.": (
        "Dirigir la comunicación interna y externa de la región."
    ),
    "Write project and meeting reports and follow learning and evaluation.": (
        "Redactar informes de proyectos y de reuniones, y dar seguimiento al aprendizaje y la "
        "evaluación."
    ),
    "Candidate profile": "Perfil de la persona candidata",
    "Experience in building regional and international organisations, particularly in Latin "
    "America and the Caribbean.": (
        "Experiencia en el desarrollo de organizaciones regionales e internacionales, en "
        "especial en América Latina y el Caribe."
    ),
    "Experience in the trade union movement and in defending workers' rights.": (
        "Experiencia en el movimiento sindical y en la defensa de los derechos laborales."
    ),
    "Knowledge of gender, class, intersectional and intercultural approaches.": (
        "Conocimiento de los enfoques de género, clase, interseccionalidad e interculturalidad."
    ),
    "Administrative knowledge to manage material, human and financial resources.": (
        "Conocimientos administrativos para gestionar recursos materiales, humanos y financieros."
    ),
    "Experience in writing reports.": "Experiencia en la redacción de informes.",
    "Availability to travel to support member organisations.": (
        "Disponibilidad para viajar y acompañar a las organizaciones afiliadas."
    ),
    "Knowledge of the documents and tools of the international labour movement on informal work.": (
        "Conocimiento de los documentos y herramientas del movimiento sindical internacional "
        "sobre el trabajo informal."
    ),
    "Good communication and teamwork skills, and the ability to work independently.": (
        "Buenas habilidades de comunicación y de trabajo en equipo, y capacidad de trabajar de "
        "forma autónoma."
    ),
    "At least three years of relevant work experience, ideally with women's groups and workers.": (
        "Al menos tres años de experiencia laboral pertinente, idealmente con grupos de mujeres "
        "y de trabajadoras."
    ),
    "At least five years of experience in the development sector.": (
        "Al menos cinco años de experiencia en el sector del desarrollo."
    ),
    "Living in Latin America or the Caribbean.": "Vivir en América Latina o el Caribe.",
    "A degree in social or political sciences.": "Título en ciencias sociales o políticas.",
    "with priority dedication": "con dedicación prioritaria",
    "Based on work experience": "Según la experiencia laboral",
    "Regional organiser": "Organizador/a regional",
    "a letter of interest": "una carta de interés",
    "Communications officer (media enquiries)": "Responsable de comunicación (consultas de prensa)",
}

_COORDINATOR_ES = {
    "Focal cities coordinator": "Coordinador/a de ciudades focales",
    "A home-based consultancy, based in Africa or Latin America, to lead our focal cities work "
    "and support the local teams in four cities.": (
        "Una consultoría desde casa, con residencia en África o América Latina, para dirigir "
        "nuestro trabajo en ciudades focales y apoyar a los equipos locales de cuatro ciudades."
    ),
    "The focal cities team": "El equipo de ciudades focales",
    "The focal cities team supports organisations of informal workers in four cities to win "
    "fairer laws, better urban services and a voice in planning. It sits in the urban policies "
    "programme, and the coordinator reports to its director.": (
        "El equipo de ciudades focales apoya a organizaciones de trabajadoras y trabajadores "
        "informales de cuatro ciudades para conseguir leyes más justas, mejores servicios "
        "urbanos y voz en la planificación. Forma parte del programa de políticas urbanas, y la "
        "coordinación rinde cuentas a su dirección."
    ),
    "Broad aims of the role": "Objetivos generales del puesto",
    "Make sure local teams have the support and information they need, and that their work "
    "follows the network's policies.": (
        "Asegurar que los equipos locales tengan el apoyo y la información que necesitan, y que "
        "su trabajo siga las políticas de la red."
    ),
    "Build a culture of learning and exchange within the urban teams.": (
        "Fomentar una cultura de aprendizaje e intercambio en los equipos urbanos."
    ),
    "Represent the focal cities in internal and external forums.": (
        "Representar a las ciudades focales en espacios internos y externos."
    ),
    "Complete reporting, budget and contract administration.": (
        "Cumplir con los informes, el presupuesto y la administración de contratos."
    ),
    "Support to local teams, administration and representation": (
        "Apoyo a los equipos locales, administración y representación"
    ),
    "Advise local teams on activities, plans, spending, partners and workload.": (
        "Asesorar a los equipos locales sobre actividades, planes, gastos, aliados y carga de "
        "trabajo."
    ),
    "Track each team's activities against its annual plan and budget.": (
        "Dar seguimiento a las actividades de cada equipo según su plan anual y su presupuesto."
    ),
    "Approve project costs and invoices as budget holder.": (
        "Aprobar los gastos y facturas de los proyectos como responsable del presupuesto."
    ),
    "Oversee the terms of reference of local consultants.": (
        "Supervisar los términos de referencia de las consultorías locales."
    ),
    "Lead internal and external reporting.": "Dirigir los informes internos y externos.",
    "Internal communication, learning and exchange": (
        "Comunicación interna, aprendizaje e intercambio"
    ),
    "Lead annual learning plans with the urban policies programme.": (
        "Dirigir los planes anuales de aprendizaje con el programa de políticas urbanas."
    ),
    "Work with the communications team on global and local priorities.": (
        "Trabajar con el equipo de comunicación en las prioridades globales y locales."
    ),
    "Documentation of urban content": "Documentación de contenidos urbanos",
    "The urban team documents what works for informal workers in cities, without burdening local "
    "teams.": (
        "El equipo urbano documenta lo que funciona para las personas trabajadoras informales en "
        "las ciudades, sin sobrecargar a los equipos locales."
    ),
    "Help document good practice in including informal workers in cities.": (
        "Ayudar a documentar buenas prácticas de inclusión de trabajadoras informales en las "
        "ciudades."
    ),
    "Turn what the teams learn into material useful for the wider network.": (
        "Convertir lo que aprenden los equipos en materiales útiles para toda la red."
    ),
    "Required experience and qualifications": "Experiencia y formación requeridas",
    "Leadership experience and a commitment to co-creative approaches.": (
        "Experiencia de liderazgo y compromiso con enfoques de cocreación."
    ),
    "At least five years of experience in people management.": (
        "Al menos cinco años de experiencia en gestión de personas."
    ),
    "Project administration skills: budgets, monitoring and evaluation, grants and donor "
    "reports.": (
        "Habilidades de administración de proyectos: presupuestos, seguimiento y evaluación, "
        "subvenciones e informes a donantes."
    ),
    "In-depth knowledge of the informal economy.": (
        "Conocimiento profundo de la economía informal."
    ),
    "Knowledge of urban planning, climate adaptation and urban governance.": (
        "Conocimiento de planificación urbana, adaptación climática y gobernanza urbana."
    ),
    "A master's degree in a relevant field, or equivalent experience.": (
        "Maestría en un campo afín o experiencia equivalente."
    ),
    "Skills and competencies": "Habilidades y competencias",
    "A collaborative, team-oriented leadership style.": (
        "Un estilo de liderazgo colaborativo y orientado al equipo."
    ),
    "Strong writing skills.": "Excelente capacidad de redacción.",
    "Able to work in a multicultural, virtual team.": (
        "Capacidad de trabajar en un equipo multicultural y virtual."
    ),
    "Commitment to labour rights and social justice.": (
        "Compromiso con los derechos laborales y la justicia social."
    ),
    "A self-employed consultancy, five days a week with flexible hours, starting with a "
    "three-month trial.": (
        "Una consultoría independiente, cinco días por semana con horario flexible, que empieza "
        "con un periodo de prueba de tres meses."
    ),
    "Three-month trial, extendable to two years, then renewable every two years": (
        "Tres meses de prueba, ampliables a dos años y luego renovables cada dos años"
    ),
    "5 days per week, flexible hours": "5 días por semana, horario flexible",
    "in English": "en inglés",
}

_COMMUNICATIONS_ES = {
    "Communications and learning officer": "Responsable de comunicación y aprendizaje",
    "A part-time consultancy to share what organisations of informal workers learn from each "
    "other, in several languages, from our East Africa hub.": (
        "Una consultoría a tiempo parcial para compartir lo que las organizaciones de personas "
        "trabajadoras informales aprenden unas de otras, en varios idiomas, desde nuestra sede "
        "de África Oriental."
    ),
    "Nine months, renewable": "Nueve meses, renovable",
    "3 days per week": "3 días por semana",
    "Head of Communications": "Jefa de Comunicación",
    "A monthly fee in US dollars, according to experience": (
        "Honorarios mensuales en dólares estadounidenses, según la experiencia"
    ),
    "Learning coordinator": "Coordinadora de aprendizaje",
    "The position": "El puesto",
    "Member organisations keep finding answers to the same questions: how to negotiate with a "
    "city, how to count their members, how to train new leaders. The officer gathers these "
    "answers and shares them across the network, with the support of the Waste Pickers' "
    "Alliance of the Americas. The position stays open until it is filled.": (
        "Las organizaciones afiliadas encuentran una y otra vez respuestas a las mismas preguntas: "
        "cómo negociar con una ciudad, cómo contar a sus miembros, cómo formar a nuevas "
        "liderezas. La persona responsable reúne estas respuestas y las comparte en toda la red, "
        "con el apoyo de la Alianza de Recicladores de las Américas. El puesto sigue abierto "
        "hasta que se cubra."
    ),
    "What you will do": "Qué harás",
    "Write short stories of practice with member organisations.": (
        "Escribir historias breves de práctica con las organizaciones afiliadas."
    ),
    "Turn them into guides, posts and radio scripts with the translators.": (
        "Convertirlas en guías, publicaciones y guiones de radio con el equipo de traducción."
    ),
    "Run two online exchanges a year between organisations.": (
        "Organizar dos intercambios en línea al año entre organizaciones."
    ),
    "Keep the network's library of learning materials in order.": (
        "Mantener en orden la biblioteca de materiales de aprendizaje de la red."
    ),
    "About you": "Sobre ti",
    "Three years of experience in communications for a social movement.": (
        "Tres años de experiencia en comunicación para un movimiento social."
    ),
    "Clear, plain writing.": "Redacción clara y sencilla.",
    "Experience of radio or audio production.": "Experiencia en producción de radio o audio.",
    "A part-time consultancy, three days a week, from home or from our Nairobi hub.": (
        "Una consultoría a tiempo parcial, tres días por semana, desde casa o desde nuestra sede "
        "de Nairobi."
    ),
    "Flexible hours": "Horario flexible",
    "A laptop on loan": "Un portátil en préstamo",
    "in English": "en inglés",
}

_FR = {
    "Allied Workers' Network": "Réseau des travailleuses et travailleurs alliés",
    "A fictional network of organisations of home-based workers, waste pickers, street vendors "
    "and other workers in the informal economy, used to show wagtail-careers.": (
        "Un réseau fictif d’organisations de travailleuses à domicile, de récupératrices, de "
        "vendeuses de rue et d’autres travailleurs de l’économie informelle, qui sert à "
        "présenter wagtail-careers."
    ),
    "Careers": "Emplois",
    "Jobs and consultancies with the organisations of our network. Filter the open positions "
    "below, or follow them with a feed.": (
        "Emplois et missions de conseil dans les organisations de notre réseau. Filtrez les "
        "offres ouvertes ci-dessous, ou suivez-les avec un flux."
    ),
    "Diversity and inclusion (default)": "Diversité et inclusion (par défaut)",
    "We are committed to diversity, equity and inclusion, and we welcome applications from "
    "everyone.": (
        "Nous nous engageons pour la diversité, l’équité et l’inclusion, et toutes les "
        "candidatures sont les bienvenues."
    ),
    "Informal Economy Research Network": "Réseau de recherche sur l’économie informelle",
    "A global network that works to secure livelihoods for working people in the informal "
    "economy, especially women. It supports organisations of informal workers, builds knowledge "
    "about informal work and brings workers' voices into local, national and international "
    "policy.": (
        "Un réseau mondial qui œuvre à garantir les moyens de subsistance des personnes qui "
        "travaillent dans l’économie informelle, en particulier les femmes. Il soutient les "
        "organisations de travailleurs informels, développe les connaissances sur le travail "
        "informel et porte leur voix dans les politiques locales, nationales et internationales."
    ),
    "Focal cities coordinator": "Coordinateur ou coordinatrice des villes focales",
    "A home-based consultancy, based in Africa or Latin America, to lead our focal cities work "
    "and support the local teams in four cities.": (
        "Une mission de conseil en télétravail, depuis l’Afrique ou l’Amérique latine, pour "
        "diriger notre travail dans les villes focales et soutenir les équipes locales de quatre "
        "villes."
    ),
    "The focal cities team": "L’équipe des villes focales",
    "Broad aims of the role": "Grands objectifs du poste",
    "Support to local teams, administration and representation": (
        "Soutien aux équipes locales, administration et représentation"
    ),
    "Internal communication, learning and exchange": (
        "Communication interne, apprentissage et échanges"
    ),
    "Documentation of urban content": "Documentation des contenus urbains",
    "Required experience and qualifications": "Expérience et qualifications requises",
    "Skills and competencies": "Compétences",
    "Work from home: you need your own computer and a good internet connection.": (
        "Travail à domicile : vous devez disposer de votre propre ordinateur et d’une bonne "
        "connexion internet."
    ),
    "Paid in US dollars, according to experience, location and our pay policy": (
        "Rémunération en dollars américains, selon l’expérience, le lieu de résidence et notre "
        "politique salariale"
    ),
    "Three-month trial, extendable to two years, then renewable every two years": (
        "Trois mois d’essai, prolongeables jusqu’à deux ans, puis renouvelables tous les deux ans"
    ),
    "5 days per week, flexible hours": "5 jours par semaine, horaires flexibles",
    "in English": "en anglais",
    "on your motivation and how you meet the requirements": (
        "sur votre motivation et la manière dont vous remplissez les conditions"
    ),
    "Strong writing skills.": "Excellentes capacités rédactionnelles.",
    "A self-employed consultancy, five days a week with flexible hours, starting with a "
    "three-month trial.": (
        "Une mission de conseil indépendante, cinq jours par semaine avec des horaires flexibles, "
        "qui commence par une période d’essai de trois mois."
    ),
}

_RESEARCH_ASSISTANT_ES = {
    "Research assistant (internship)": "Asistente de investigación (pasantía)",
    "A three-month internship supporting a study of recycling cooperatives in Bogotá.": (
        "Una pasantía de tres meses para apoyar un estudio de las cooperativas de reciclaje de "
        "Bogotá."
    ),
    "Three months": "Tres meses",
    "20 hours per week": "20 horas por semana",
    "What you will do": "Qué harás",
    "Visit recycling cooperatives with the research team.": (
        "Visitar cooperativas de reciclaje con el equipo de investigación."
    ),
    "Enter and check survey data.": "Ingresar y revisar los datos de la encuesta.",
    "About you": "Sobre ti",
    "Studying social sciences or statistics.": "Estudias ciencias sociales o estadística.",
    "Experience of fieldwork.": "Experiencia en trabajo de campo.",
}

CATALOG = {
    "es": {
        **_SHARED_ES,
        **_REGIONAL_ORGANISER_ES,
        **_COORDINATOR_ES,
        **_RESEARCH_ASSISTANT_ES,
        **_COMMUNICATIONS_ES,
    },
    "fr": _FR,
}
