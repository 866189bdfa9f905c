import { columnSet, columnsAsked, FieldSelection } from '@lib/graphql';
import { EMPLOYER_CONTACT_TYPE, EMPLOYER_TYPE, POSITION_TYPE } from './employer.model';

/**
 * What the counselor's lists show of an application's position, its employer
 * and the contact a next step names: read alone (see columnsAsked) when a
 * query asks nothing else of them, as the dashboard does for every one of a
 * hundred applications.
 */
const POSITION_SUMMARY = columnSet('summary', ['id', 'employerId', 'title']);
const EMPLOYER_SUMMARY = columnSet('summary', ['id', 'name']);
const CONTACT_SUMMARY = columnSet('summary', ['id', 'employerId', 'fullName', 'role']);

export const positionColumns = (selection: FieldSelection | undefined) =>
  columnsAsked(selection, POSITION_TYPE, POSITION_SUMMARY);

export const employerColumns = (selection: FieldSelection | undefined) =>
  columnsAsked(selection, EMPLOYER_TYPE, EMPLOYER_SUMMARY);

export const contactColumns = (selection: FieldSelection | undefined) =>
  columnsAsked(selection, EMPLOYER_CONTACT_TYPE, CONTACT_SUMMARY);
