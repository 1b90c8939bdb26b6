/*
 * The word lists behind out-of-scope.ts, in Dutch and English, lower case without accents.
 * A term is one word or a phrase of words (space separated) that must follow each other. A word:
 * - `koorts`   the word itself (words of 7+ letters also with one typo: "bloedverlis", "paracetemol");
 * - `pijn*`    a word starting with it (pijnlijk, pijnstilling);
 * - `*pijn`    a compound ending in it (buikpijn, hoofdpijn; not "pijn" itself);
 * - `*viewer*` a word containing it (geboortezorgviewer).
 * Hyphenated words are split and also joined ("anti-D" is "anti d" and "antid").
 */

/**
 * Words of ICT and of the chain's own work: when one is in the question, it is an ICT or chain
 * question, whatever clinical or personal words it also has ("de echo van gisteren ontbreekt in
 * de viewer"). Generic failure words ("werkt niet", "lukt niet") are left out on purpose: "de
 * pijnstilling werkt niet" and "aanleggen lukt niet" are clinical.
 */
export const ICT_TERMS: readonly string[] = [
  // Systems, devices and software
  '*viewer*', 'viewer', 'vieuwer', '*portaal*', 'portal*', '*app', 'app', 'apps', 'systeem*', 'system*', 'software', 'applicatie*',
  'xis', 'epd*', 'ecd', 'hix', 'ehr', 'emr', 'lis', 'pgo', 'panorama', 'rivierennet', 'vroedsoft', 'medicura', 'zorgmail', 'zorgdomein',
  'lsp', '*schakelpunt', 'schakelpunt', 'fhir', 'hl7', 'api', 'edifact', 'vecozo', 'digid', 'laptop*', 'computer*', 'pc', 'tablet*', 'ipad',
  'iphone', 'android', 'smartphone', 'windows', 'outlook', 'teams', 'slack', 'browser*', 'chrome', 'edge', 'firefox', 'safari', 'internet',
  'wifi', 'netwerk*', 'network*', 'server*', '*server', 'website', 'site', 'url', 'link*', '*link', 'pdf', 'excel',
  // Signing in and access
  'inlog*', 'ingelogd', 'uitlog*', 'uitgelogd', 'login', 'logon', 'log in', 'logged', 'logging', 'sign in', 'aanmeld*', 'wachtwoord*',
  '*wachtwoord', 'ww', 'password*', 'pw', 'account*', 'acount', 'accout', 'uzi*', 'pincode*', 'pin', 'puk*', 'pukcode', 'smartcard',
  '*lezer', 'lezer', 'reader', '2fa', 'mfa', 'authenticat*', 'tweestaps*', 'verificatie*', '*code', 'qr', 'sessie', 'session',
  'autorisatie*', 'toegang*', 'access', 'rol', 'rollen', 'cluster', 'geen toestemming', 'no consent', 'certificaat', 'servercertificaat',
  'certificate', 'tls', 'ssl', 'ntp', 'token', 'ongeldig*', 'invalid', 'geblokkeerd', 'locked', 'vergrendeld',
  // Messages, documents and the exchange
  '*overdracht*', 'overdacht', 'handover*', 'hand over', '*bericht*', 'message*', 'koppel*', '*koppeling', 'gekoppeld', 'interface',
  'uitwissel*', '*uitwisseling', 'exchange', 'verzend*', 'verzonden', 'verstuur*', 'versturen', 'sent', 'send', 'sending', 'ontvang*',
  'received', 'receive', 'binnengekomen', 'binnenkomen', 'binnengekregen', 'komt niet aan bij', 'niet aangekomen', 'adresboek*',
  'address book', 'directory', 'inbox', 'werkbak', 'wachtrij', 'queue', 'mail*', '*mail', 'mailtje', 'bijlage*', 'attachment*',
  'upload*', 'download*', 'export*', 'import*', 'geimporteerd', 'inlezen', 'inles*', 'ingelezen', 'verslag*', '*verslag', 'dossier*',
  '*dossier', 'rapportage', 'rapportages', 'rapport', 'notificatie*', 'notification*', 'melding*', 'alerts',
  'datalek', 'data', 'gegevensuitwisseling', 'geen gegevens', 'no data', 'gegevens*', 'toestemming', 'consent', 'rechten nodig', 'rechten aanpassen', 'rechten geven',
  'rechten toekennen', 'juiste rechten', 'meer rechten', 'rights',
  'permission*', 'record', 'records', 'report', 'reports', '*rapportage', 'overzicht', 'verschoven', 'zie ik niet', 'zie niks',
  'zie niets', 'niks zien', 'niet zien', 'kan niet zien', 'cant see', 'can t see', 'cannot see', 'not showing', 'niet terug',
  // What a screen or a program does
  'scherm*', 'beeldscherm', 'inlogscherm', 'startscherm', 'beginscherm', 'medicatiescherm', 'printscherm', 'screen*', 'pagina*', 'page', 'knop*', 'button*', 'klik*', 'click*', 'veld', 'velden', 'field', 'formulier*',
  'laadt', 'laad', 'laden', 'geladen', 'load', 'loads', 'loading', 'opent', 'openen', 'geopend', 'opslaan', 'opgeslagen', 'save', 'saved',
  'printen', 'print*', 'afdruk*', 'invoer*', 'ingevoerd', 'vastleggen', 'vastgelegd', 'registreren',
  'weergegeven', 'ontbreekt', 'ontbreken', 'missing', 'blijft leeg', 'stays empty', 'synchron*',
  'sync', 'synced', 'syncing', 'update*', 'upgrade*', 'version', 'installeer*', 'install*', 'crash*', 'vastgelopen', 'loopt vast',
  'blijft hangen', 'hangt vast', 'freeze*', 'time out', 'timeout', 'foutmelding*', 'foutcode*', 'error*', 'storing*',
  '*storing', 'outage', 'offline', 'online', 'onderhoud*', 'maintenance', 'ligt eruit', 'ligt plat', 'is down', 'helpdesk*', 'servicedesk*',
  'ict', 'leverancier*', 'beheerder*', 'admin*',
];

/** Clinical words: symptoms, values, medication, procedures. One is enough. */
export const CLINICAL_TERMS: readonly string[] = [
  // Bleeding, fever, circulation, breathing
  'bloedverlies', 'bloeding*', '*bloeding', 'bloedt', 'bloeden', 'bloed verloren', 'veel bloed', 'stolsel*', 'bloedstolsel*', 'koorts*',
  '*koorts', 'koors', 'korts', 'verhoging', 'temperatuur', 'temp', 'ondertemperatuur', 'bloeddruk*', 'bloedruk', 'tensie', 'rr',
  'hypertensie', 'hypotensie', 'eclampsie', 'preeclampsie', 'zwangerschapsvergiftiging', 'hellp', 'hartslag*', 'hartfrequentie',
  'hartje*', 'harttonen', 'ctg', 'saturatie*', 'zuurstof*', 'ademhaling*', 'benauwd*', 'ademt', 'blauw', 'bewusteloos',
  'flauwgevallen', 'flauwvallen', 'duizelig*', 'stuip*', 'epilep*', 'insult', 'reanimat*', '112', 'ambulance',
  // Pregnancy and birth
  'weeen', 'weeenremmer*', 'naweeen', 'contractie*', 'ontsluiting', 'persdrang', 'vliezen', 'vruchtwater*', 'meconium', 'stuitligging',
  'ligging', 'ingedaald', 'indalen', 'keizersnede', 'sectio', 'inleiden', 'inleiding', 'kunstverlossing', 'vacuum*', 'episiotomie',
  'ingeknipt', 'ruptuur', 'inscheur*', 'placenta', 'nageboorte', 'navelstreng', 'navel*', 'apgar', 'buikomtrek', 'groeicurve',
  'groeivertraging', 'percentiel', 'p10', 'p90', 'miskraam', 'zwangerschapsduur', 'weken zwanger', 'bloedgroep', 'rhesus*', 'anti d', 'antid',
  'hb', 'hemoglobine', 'ijzergehalte', 'gbs', 'streptokok*', 'trombose', 'embolie',
  // Medication
  'dosering*', 'dosis', 'doseren', 'milligram', 'mg', 'mcg', 'ml', 'paracetamol', 'ibuprofen', 'diclofenac', 'oxytocine', 'syntocinon',
  'misoprostol', 'methergin', 'nifedipine', 'labetalol', 'antibiotica', 'antibioticum', 'amoxicilline', 'penicilline', 'vitamine*',
  'ijzertabletten', 'medicijn*', 'medicatie', 'medicament*', 'pijnstill*', 'morfine', 'epiduraal', 'ruggenprik', 'lachgas', 'insuline',
  'glucose', 'bloedsuiker*', 'suikerziekte', 'diabetes', '*diabetes', 'allergie*', 'allergisch',
  // Body, newborn, care
  'pijn', 'pijn*', '*pijn', 'kramp*', 'geel', 'gele', 'geelzucht', 'icterus', 'bilirubine', 'hielprik*', '*prik', 'prik', 'prikje',
  'vaccinat*', '*vaccinatie', 'inenting*', 'mastitis', 'borstontsteking', 'tepelkloven', 'kloven', 'stuwing', 'borstvoeding*',
  'flesvoeding*', 'kunstvoeding', 'voeden', 'aanleggen', 'hechting*', 'wond*', 'infectie*', '*infectie', 'ontsteking*', '*ontsteking',
  'zwelling', 'oedeem', 'huiduitslag', 'braken', 'spugen', 'overgeven', 'diarree', 'obstipatie', 'misselijk*', 'suf', 'slap',
  'uitgedroogd', 'gewichtsverlies', 'afgevallen', 'urineweginfectie', 'plassen', 'ontlasting', 'huilt', 'huilen', 'spoedeisend*',
  'minder bewegen', 'minder beweging', 'kindsbeweging*', 'leven voelen', 'graden', 'hoofdpijn', 'sterretjes', 'wazig zien',
  // English
  'bleeding', 'bleed*', 'blood', 'fever', 'temperature', 'heart rate', 'heartbeat', 'pulse', 'contraction*', 'dilation', 'dilated',
  'waters broke', 'dosage', 'dose', 'doses', 'acetaminophen', 'medication', 'medicine*', 'pain*', 'jaundice', 'breastfeed*',
  'breast*', 'vomit*', 'diarrh*', 'stitch*', 'wound*', 'infection*', 'rash', 'swelling', 'vaccin*', 'heel prick', 'seizure*',
  'unconscious', 'breathing', 'caesarean', 'c section', 'miscarriage', 'allerg*', 'dehydrat*', 'emergency', 'headache',
  'blurred vision', 'reduced movements', 'baby moving less',
];

/** People the care is about: with an advice question ("wat moet ik doen") the question is clinical. */
export const CARE_SUBJECTS: readonly string[] = [
  'baby*', 'pasgeboren*', 'zuigeling', 'kindje', 'kraamvrouw*', 'zwangere', 'zwanger', 'moeder', 'client*', 'patient*',
  'mevrouw', 'newborn', 'infant', 'mother', 'pregnant', 'woman', 'mom', 'mum',
];

/** Asking what to do for a person's body, as opposed to for a system. */
export const ADVICE_PHRASES: readonly string[] = [
  'wat moet ik doen', 'wat moet ik nu doen', 'wat moet ik nu', 'wat te doen', 'wat nu', 'wat kan ik geven', 'wat mag ik geven',
  'is dat normaal', 'is dit normaal', 'is het normaal', 'wat is normaal', 'te hoog', 'te laag', 'wanneer moet ik', 'hoe vaak moet',
  'hoe vaak mag', 'hoeveel mag', 'hoeveel moet', 'wat is het beleid', 'verloskundige bellen', 'huisarts bellen', 'insturen',
  'what should i do', 'what do i do', 'should i call', 'is it normal', 'is this normal', 'how much', 'how often', 'when should i',
];

/** Personal and HR matters: roster, leave, pay, sickness, contract, career. */
export const PERSONAL_TERMS: readonly string[] = [
  'verlof*', '*verlof', 'vakantie', 'vakantiedag*', 'vakantiegeld', 'vrije dag', 'vrije dagen', 'vrij vragen', 'vrij nemen', 'snipperdag*',
  'salaris*', '*salaris', 'loon', 'loonstrook*', 'loonstroken', 'salarisstrook*', 'jaaropgave', 'uitbetaling*', 'overuren', 'overwerk',
  'gestort', 'ziekmeld*', '*ziekmelding', 'ziek melden', 'me ziek', 'ziek gemeld', 'ben ziek', 'ziekteverzuim', 'verzuim*', 'arbo*',
  'bedrijfsarts', 'reintegratie', 're integratie', 'contract', 'contracten', '*contract', 'cao', 'rooster*', '*rooster', 'diensten ruilen',
  'dienst ruilen', 'mijn diensten', 'mijn dienst', 'opzegtermijn', 'opzeggen', 'ontslag nemen', 'sollicit*', 'vacature*', 'ander werk',
  'andere baan', 'andere functie',
  'functioneringsgesprek*', 'beoordelingsgesprek*', 'jaargesprek', 'pensioen*', 'reiskosten*', 'kilometer*', 'km', 'onkosten*',
  'minder uren', 'meer uren', 'uren werken', 'parttime', 'fulltime', 'werktijden', 'urenregistratie', 'gewerkte uren', 'personeelszaken',
  'hr', 'hrm', 'leidinggevende', 'werkgever', 'big registratie', 'bigregistratie', 'herregistratie', 'scholing*', 'nascholing',
  'accreditatie*', 'cursus*', '*cursus', 'bonus', 'eindejaarsuitkering', 'kinderopvang', 'leaseauto',
  // English
  'vacation', 'holiday*', 'sick leave', 'maternity leave', 'parental leave', 'annual leave', 'request leave', 'leave request', 'days off',
  'day off', 'time off', 'call in sick', 'calling in sick', 'report sick', 'sick day*', 'salary', 'payslip*', 'pay slip', 'wage*',
  'payroll', 'paycheck', 'roster*', 'rota', 'shift', 'shifts', 'resign*', 'notice period', 'pension', 'overtime', 'expenses', 'mileage',
  'human resources', 'manager', 'employer', 'appraisal', 'performance review',
];
