import type { Audience } from '../../core/domain/decision-tree/tree-audience.ts';

/** One answer on the way, so "back" can undo exactly what it set. */
export interface TreeAnswer {
  node: string;
  label: string;
  applicationId?: string;
  organisationId?: string;
}

/** Where a run stands in the tree: enough to show that step (or outcome) again. */
export interface TreePosition {
  node: string;
  history: string[];
  answers: TreeAnswer[];
}

/** A run through the tree, as the conversation stores it between messages. */
export interface TreeState extends TreePosition {
  run: string;
  /** The tree version the run started on; it finishes on it even if a new one is published. */
  version: string;
  /** The user's own organisation, once known. */
  organisationId?: string;
  /** The user said their organisation is not listed: outcomes explain how to find their own desk. */
  noOrganisation?: boolean;
  /** Waiting for the user to say which organisation they work for. */
  askingOrganisation?: boolean;
  /** The organisation question was a step of this run (it counts in the step numbers). */
  organisationAsked?: boolean;
  /** Where to go on once the organisation is (re)chosen, when it was asked in the middle or after the outcome. */
  resume?: TreePosition;
  /** The organisation question changes a known one (the answer is confirmed in words). */
  changing?: boolean;
  /** Care staff or servicedesk staff (texts differ, see tree-audience.ts). */
  audience?: Audience;
}

export const ORGANISATION_STEP = '__organisation';
export const UNKNOWN = '__unknown';
/** The answer "my organisation is not listed". */
export const NOT_LISTED = '__none';

export function forward(state: TreeState, next: string, answer: TreeAnswer): TreeState {
  return { ...state, node: next, history: [...state.history, state.node], answers: [...state.answers, answer] };
}

export function back(state: TreeState): TreeState {
  if (!state.history.length) return state;
  return { ...state, node: state.history.at(-1)!, history: state.history.slice(0, -1), answers: state.answers.slice(0, -1) };
}

export function restart(state: TreeState, root: string): TreeState {
  const { resume: _resume, changing: _changing, ...rest } = state;
  return { ...rest, node: root, history: [], answers: [], askingOrganisation: false, organisationAsked: false };
}

/** The step number the person sees: the organisation question (if asked in this run) counts, tips count. */
export const stepNumber = (state: TreeState): number => (state.askingOrganisation ? state.answers.length + 1 : state.answers.length + (state.organisationAsked ? 1 : 0) + 1);

/** The application and other organisation chosen on the way (the latest answer that set one). */
export const chosenApplication = (state: TreeState) => [...state.answers].reverse().find((a) => a.applicationId)?.applicationId;
export const chosenOrganisation = (state: TreeState) => [...state.answers].reverse().find((a) => a.organisationId)?.organisationId;
