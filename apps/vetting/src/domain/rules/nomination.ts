import type { BodyPost } from '../roster/post';

/**
 * How the nominee stands to the post: `continuing` holds this very post now (连任), `other_post`
 * sits on the two committees in another post (a 主任 nominated for 书记 is a NEW secretary), `new`
 * is not on the two committees at all (新进).
 */
export type Tenure = 'continuing' | 'other_post' | 'new';

/** The post a person is nominated for, in a village's body. */
export type Nomination = BodyPost & { tenure: Tenure };
