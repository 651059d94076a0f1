/**
 * A lesson's place in the address: `?lesson=2&step=3` (1-based, as people count), so a teacher can
 * link a class straight to a step. Read and checked like the page's own parameters (urlState.ts):
 * a malformed or out-of-range value is a ParameterError naming the field and its range, and the
 * lesson is then not opened (or opened at its first step). Pure: no DOM.
 */
import { checkField, ParameterError } from '../../core/params';
import type { FieldRange } from '../../core/params';
import type { Lesson } from './engine';

export interface LessonPlace {
  /** the lesson's id */
  lesson: number;
  /** 0-based step index */
  stepIndex: number;
}

export interface ParsedLessonPlace {
  place: LessonPlace | null;
  problems: ParameterError[];
}

const INTEGER = /^\d{1,6}$/;

function checkInteger(field: string, text: string, range: FieldRange): number {
  const value = INTEGER.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  try {
    return checkField(field, value, range);
  } catch {
    throw new ParameterError(field, text.length > 40 ? `${text.slice(0, 40)}…` : text, range);
  }
}

/** Reads `lesson` and `step` from a query string; `step` without `lesson` is a problem, not a guess. */
export function parseLessonPlace(search: string, lessons: readonly Lesson[]): ParsedLessonPlace {
  const params = new URLSearchParams(search);
  const lessonText = params.get('lesson');
  const stepText = params.get('step');
  const problems: ParameterError[] = [];
  if (lessonText === null) {
    if (stepText !== null) problems.push(new ParameterError('step', stepText, 'given with a lesson (?lesson=1&step=2)'));
    return { place: null, problems };
  }
  let lesson: Lesson | undefined;
  try {
    const ids = lessons.map((l) => l.id);
    const id = checkInteger('lesson', lessonText, { min: Math.min(...ids), max: Math.max(...ids), unit: '', integer: true });
    lesson = lessons.find((l) => l.id === id);
    if (!lesson) throw new ParameterError('lesson', lessonText, `one of ${ids.join(', ')}`);
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    problems.push(error);
    return { place: null, problems };
  }
  let stepIndex = 0;
  if (stepText !== null) {
    try {
      stepIndex = checkInteger('step', stepText, { min: 1, max: lesson.steps.length, unit: '', integer: true }) - 1;
    } catch (error) {
      if (!(error instanceof ParameterError)) throw error;
      problems.push(error);
    }
  }
  return { place: { lesson: lesson.id, stepIndex }, problems };
}

/** `lesson=2&step=3` for a place (no leading ? or &), or '' for none. */
export function formatLessonPlace(place: LessonPlace | null): string {
  return place ? `lesson=${place.lesson}&step=${place.stepIndex + 1}` : '';
}

/** The notice lines for refused lesson parameters, in the words of describeProblems (urlState.ts). */
export function describeLessonProblems(problems: readonly ParameterError[], place: LessonPlace | null): string[] {
  return problems.map((p) =>
    p.field === 'step' && place ? `${p.message} — starting at step ${place.stepIndex + 1}.` : `${p.message} — no lesson opened.`,
  );
}
