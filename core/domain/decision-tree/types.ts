import type { ApplicationKind } from '../directory/types.ts';

/** Every text a user sees, in both languages. */
export interface Text {
  nl: string;
  en: string;
}

export interface Choice {
  /** Short (about 40 characters at most): clients cut long choice labels. */
  label: Text;
  /** One line under the label that explains it (optional). */
  description?: Text;
  /** Extra words that pick this choice when typed (either language). */
  synonyms?: string[];
  next: string;
}

/** A question with fixed choices. */
export interface QuestionNode {
  id: string;
  kind: 'question';
  text: Text;
  hint?: Text;
  /** The hint for servicedesk staff, when it differs (see `forDesk` in tree-audience.ts). */
  hintForDesk?: Text;
  choices: Choice[];
}

/** Asks which application it is about: the choices are the applications the user's organisation uses. */
export interface ApplicationNode {
  id: string;
  kind: 'application';
  text: Text;
  /** Only applications of these kinds (all when absent). */
  applicationKinds?: ApplicationKind[];
  next: string;
  /** Where to go when the user does not know or none fits. */
  unknownNext?: string;
}

/** Asks which organisation it is about (e.g. the other care provider whose system causes the problem). */
export interface OrganisationNode {
  id: string;
  kind: 'organisation';
  text: Text;
  /** Only organisations of these kinds (all when absent); the user's own organisation is left out. */
  organisationKinds?: Array<import('../directory/types.ts').OrganisationKind>;
  next: string;
  unknownNext?: string;
}

/** "Check this first": advice with a button to go on when it did not help. */
export interface AdviceNode {
  id: string;
  kind: 'advice';
  text: Text;
  checks: Text[];
  /** The checks for servicedesk staff, when they differ. */
  checksForDesk?: Text[];
  /** The button label, e.g. "Dit hielp niet". */
  continueLabel: Text;
  next: string;
}

/** Which desk an outcome names: by rule (resolved at run time) or a fixed organisation. */
export type DeskRule =
  | { rule: 'own-helpdesk' }
  | { rule: 'own-supplier'; application?: string }
  | { rule: 'own-gtk-service-provider' }
  | { rule: 'application-administrator'; application?: string }
  | { rule: 'rso-of-region' }
  | { rule: 'national-helpdesk' }
  | { rule: 'chain-coordination' }
  | { rule: 'responsible-administrator' }
  | { rule: 'organisation'; organisationId: string }
  | { rule: 'chosen-organisation' };

export const DESK_RULES = [
  'own-helpdesk', 'own-supplier', 'own-gtk-service-provider', 'application-administrator', 'rso-of-region',
  'national-helpdesk', 'chain-coordination', 'responsible-administrator', 'organisation', 'chosen-organisation',
] as const;

export interface OutcomeDesk {
  desk: DeskRule;
  /** Why this desk, e.g. "Meld het lek bij de leverancier (verwerkersovereenkomst)". */
  role: Text;
  /** The role line for servicedesk staff, when it differs. */
  roleForDesk?: Text;
}

export interface OutcomeNode {
  id: string;
  kind: 'outcome';
  title: Text;
  text: Text;
  /**
   * The text for servicedesk staff (servicedesk role in Ketenbot, or working at an RSO, GtK service
   * provider, supplier or national party), when it differs: they do not "ask their own helpdesk".
   */
  textForDesk?: Text;
  /** One or more desks, all shown (e.g. supplier and RSO for a data leak). */
  desks: OutcomeDesk[];
  /** What to have at hand when calling. */
  prepare: Text[];
  /** What to have at hand, for servicedesk staff, when it differs. */
  prepareForDesk?: Text[];
  warning?: Text;
}

export type TreeNode = QuestionNode | ApplicationNode | OrganisationNode | AdviceNode | OutcomeNode;

export interface DecisionTree {
  /** Version of the content, e.g. "2026.11.1"; each publication must have a new one. */
  version: string;
  root: string;
  nodes: TreeNode[];
}
