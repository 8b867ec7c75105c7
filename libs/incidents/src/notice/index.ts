export * from './breach-notice.type';
export * from './breach-notice-form.util';
export * from './notice-organisation.util';
export {
  draftBreachNotice,
  citizenNoticeRequired,
  noticeDataCategories,
  MINISTRY_RECIPIENT,
  NOTICE_COMMITMENT,
} from './breach-notice-draft.util';
export { validateBreachNotice } from './breach-notice-validate.util';
export { CITIZEN_NOTICE_KINDS } from './citizen-notice-kinds.constant';
